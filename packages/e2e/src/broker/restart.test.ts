/**
 * Restarts lose nothing: a graceful close and reopen, and a SIGKILL of a broker running
 * in a child process, keep every acknowledged message and every committed offset.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { call } from '../support/json-call.js';

const brokers = new Brokers();
afterEach(() => brokers.cleanup());

describe('broker restarts', () => {
  it('keeps messages and committed offsets across a graceful restart', async () => {
    const dataDir = await brokers.dataDir();
    const first = await brokers.start({ inMemory: false, dataDir });
    await call(first.url, 'POST', '/topics/orders/create?num_partitions=2');
    const { topicId } = (await call(first.url, 'GET', '/v1/topics/orders')).body;
    for (let i = 0; i < 10; i++) await call(first.url, 'POST', `/topics/orders/messages?message=m${i}`);
    await call(first.url, 'POST', '/topics/orders/groups/g/subscribe?consumer_id=c');
    const poll = await call(first.url, 'GET', '/topics/orders/messages?consumer_id=c&group_id=g');
    for (const message of poll.body) {
      await call(
        first.url,
        'POST',
        `/topics/orders/messages/${message.message_offset}/ack?consumer_id=c&partition_id=${message.partition_id}`,
      );
    }
    await first.close();

    const second = await brokers.start({ inMemory: false, dataDir });
    const topic = await call(second.url, 'GET', '/v1/topics/orders');
    expect(topic.body.partitionDetails.map((p: { logEndOffset: number }) => p.logEndOffset)).toEqual([5, 5]);
    expect(topic.body.topicId).toBe(topicId);
    const offsets = await call(second.url, 'GET', '/v1/groups/g/offsets');
    expect(offsets.body.offsets.map((o: { partition: number; offset: number }) => [o.partition, o.offset])).toEqual([
      [0, 1],
      [1, 1],
    ]);
    const next = await call(second.url, 'GET', '/topics/orders/messages?consumer_id=c&group_id=g');
    expect(next.body.map((m: { message_offset: number }) => m.message_offset)).toEqual([1, 1]);
  });

  it('loses no acknowledged message or commit when the broker process is killed', async () => {
    const dataDir = await brokers.dataDir();
    const { child, url, exited } = await brokers.spawn(dataDir);

    await call(url, 'POST', '/v1/topics', { name: 'orders', partitions: 3 });
    const acknowledged: { partition: number; offset: number; value: string }[] = [];
    const producers = Array.from({ length: 4 }, async (_, worker) => {
      for (let i = 0; i < 25; i++) {
        const value = `w${worker}-${i}`;
        const response = await call(url, 'POST', '/v1/topics/orders/records', { records: [{ value, key: value }] });
        expect(response.status).toBe(200);
        acknowledged.push({ ...response.body.records[0], value });
      }
    });
    await Promise.all(producers);
    const member = (await call(url, 'POST', '/v1/groups/g/members', { topics: ['orders'], memberId: 'm' })).body;
    const commit = await call(url, 'POST', '/v1/groups/g/offsets', {
      memberId: 'm',
      generationId: member.generationId,
      offsets: [
        { topic: 'orders', partition: 0, offset: 3 },
        { topic: 'orders', partition: 2, offset: 1 },
      ],
    });
    expect(commit.status).toBe(200);
    child.kill('SIGKILL');
    await exited;

    const restarted = await brokers.start({ inMemory: false, dataDir });
    for (const { partition, offset, value } of acknowledged) {
      const read = await call(
        restarted.url,
        'GET',
        `/v1/topics/orders/partitions/${partition}/records?offset=${offset}&maxRecords=1`,
      );
      expect(read.body.records[0]?.value, `${partition}:${offset}`).toBe(value);
    }
    const offsets = await call(restarted.url, 'GET', '/v1/groups/g/offsets');
    expect(offsets.body.offsets.map((o: { partition: number; offset: number }) => [o.partition, o.offset])).toEqual([
      [0, 3],
      [2, 1],
    ]);
  });

  it('keeps deleted records deleted and altered configs altered when the broker process is killed', async () => {
    const dataDir = await brokers.dataDir();
    const { child, url, exited } = await brokers.spawn(dataDir);
    await call(url, 'POST', '/v1/topics', { name: 'trimmed', configs: { 'retention.ms': '3600000' } });
    const records = Array.from({ length: 10 }, (_, i) => ({ value: `m${i}` }));
    expect((await call(url, 'POST', '/v1/topics/trimmed/records', { records })).status).toBe(200);
    const deleted = await call(url, 'POST', '/v1/topics/trimmed/partitions/0/delete-records', { offset: 6 });
    expect(deleted.body.logStartOffset).toBe(6);
    const altered = await call(url, 'PATCH', '/v1/topics/trimmed/configs', { set: { 'segment.ms': '60000' } });
    expect(altered.status).toBe(200);
    child.kill('SIGKILL');
    await exited;

    const restarted = await brokers.start({ inMemory: false, dataDir });
    const topic = await call(restarted.url, 'GET', '/v1/topics/trimmed');
    expect(topic.body.partitionDetails[0]).toMatchObject({ logStartOffset: 6, logEndOffset: 10 });
    expect(topic.body.effectiveConfig).toMatchObject({ retentionMs: 3_600_000, segmentMs: 60_000 });
    expect((await call(restarted.url, 'GET', '/v1/topics/trimmed/partitions/0/records?offset=5')).status).toBe(416);
    const read = await call(restarted.url, 'GET', '/v1/topics/trimmed/partitions/0/records?offset=6');
    expect(read.body.records.map((r: { value: string }) => r.value)).toEqual(['m6', 'm7', 'm8', 'm9']);
  });

  it('finishes in-flight requests, closes its logs cleanly and exits 0 on SIGTERM', async () => {
    const dataDir = await brokers.dataDir();
    const { child, url, exited } = await brokers.spawn(dataDir);
    await call(url, 'POST', '/v1/topics/orders/records', { records: [{ value: 'kept' }] });
    const longPoll = call(url, 'GET', '/v1/topics/orders/partitions/0/records?offset=1&waitMs=30000');
    await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGTERM');
    const answered = await longPoll;
    expect(answered.status).toBe(200);
    expect(answered.body.records).toEqual([]);
    expect(await exited).toBe(0);
    expect(existsSync(join(dataDir, 'orders', '0', '.clean-shutdown'))).toBe(true);
    const restarted = await brokers.start({ inMemory: false, dataDir });
    const read = await call(restarted.url, 'GET', '/v1/topics/orders/partitions/0/records?offset=0');
    expect(read.body.records.map((r: { value: string }) => r.value)).toEqual(['kept']);
  });

  it('ends at once by the signal, saying so, on SIGTERM while it is still starting', async () => {
    const dataDir = await brokers.dataDir();
    // A topic whose metadata file is a FIFO: opening it blocks, as a hung file system would.
    await mkdir(join(dataDir, 'stuck'), { recursive: true });
    execFileSync('mkfifo', [join(dataDir, 'stuck', 'topic.json')]);
    const broker = brokers.launch(dataDir);
    await broker.logged('effective configuration');
    await new Promise((resolve) => setTimeout(resolve, 300)); // into the hung open
    expect(broker.lines.some((line) => line.msg === 'broker ready')).toBe(false);
    broker.child.kill('SIGTERM');
    expect(await broker.exited).toBeNull(); // ended by the signal (a shell shows 143)
    expect(broker.child.signalCode).toBe('SIGTERM');
    expect(broker.lines.at(-1)).toMatchObject({ msg: 'stopped while starting', signal: 'SIGTERM', dataDir });
  });
});
