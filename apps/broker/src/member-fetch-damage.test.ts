/**
 * A group member reading a topic one of whose partitions is damaged (issue 9: damage in one
 * partition never takes down another): the member fetch answers the healthy partitions'
 * records and the damaged partition's error beside them, in JSON (`errors`) and in the binary
 * frame (version 1, a per-partition error code); the position stays at the damage; the
 * tutorial's consume passes the damaged partition over while another has a message.
 */
import { join } from 'node:path';
import { decodeFetchFrame, type FetchFrame, RECORD_BATCH_MEDIA_TYPE, recordBatchAccept } from '@mini-kafka/protocol';
import { LogManager } from '@mini-kafka/storage';
import { damageTailBatch, TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from './broker.js';
import { type Answer, send } from './http/testing/serve-app.js';

const dirs = new TempDirs();
let broker: Broker | undefined;
afterEach(async () => {
  await broker?.close();
  broker = undefined;
  await dirs.cleanup();
});

/**
 * A broker over topic `mixed`: partition 0 holds 40 records whose tail an unclean stop
 * damaged from offset 0 on (all of them lost), partition 1 holds 3 healthy records.
 */
async function brokerOverDamage(): Promise<Broker> {
  const dir = await dirs.make();
  const logs = await LogManager.open({ dataDir: dir, retentionCheckIntervalMs: 0 });
  await logs.createTopic('mixed', { partitions: 2 });
  for (let i = 0; i < 2; i++) {
    await logs.getLog('mixed', 0).append(Array.from({ length: 20 }, (_, j) => ({ value: `lost ${i * 20 + j}` })));
  }
  await logs.getLog('mixed', 1).append([{ value: 'a' }, { value: 'b' }, { value: 'c' }]);
  await logs.close();
  expect(await damageTailBatch(join(dir, 'mixed', '0'), 0)).toBe(0);
  broker = await createBroker({ dataDir: dir, port: 0, kafkaPort: -1, logLevel: 'silent' });
  return broker;
}

async function join_(url: string, group: string): Promise<{ memberId: string; generationId: number }> {
  const joined = await send(`${url}/v1/groups/${group}/members`, 'POST', { topics: ['mixed'] });
  expect(joined.status).toBe(200);
  return joined.body;
}

async function binaryFetch(
  url: string,
  accept: string,
): Promise<{ status: number; frame?: FetchFrame; body?: Answer['body'] }> {
  const response = await fetch(url, { headers: { accept } });
  if (response.headers.get('content-type') !== RECORD_BATCH_MEDIA_TYPE) {
    return { status: response.status, body: await response.json() };
  }
  return { status: response.status, frame: decodeFetchFrame(Buffer.from(await response.arrayBuffer())) };
}

describe('a member fetch over a damaged partition', () => {
  it('answers the healthy partitions in JSON with the damaged one in errors, its position kept', async () => {
    const { url } = await brokerOverDamage();
    const { memberId, generationId } = await join_(url, 'json');
    const records = `${url}/v1/groups/json/members/${memberId}/records?generationId=${generationId}`;

    const first = await send(records);
    expect(first.status).toBe(200);
    expect(first.body.records.map((r: { partition: number; value: string }) => [r.partition, r.value])).toEqual([
      [1, 'a'],
      [1, 'b'],
      [1, 'c'],
    ]);
    expect(first.body.errors).toEqual([
      {
        topic: 'mixed',
        partition: 0,
        offset: 0,
        error: { code: 2, name: 'CORRUPT_MESSAGE', message: expect.stringMatching(/mixed-0/) },
      },
    ]);

    // Nothing healthy left: the error alone, at once rather than after the long poll (the test times out otherwise).
    const second = await send(`${records}&waitMs=60000`);
    expect(second.body.records).toEqual([]);
    expect(second.body.errors).toMatchObject([{ partition: 0, offset: 0, error: { name: 'CORRUPT_MESSAGE' } }]);

    // Seeking past the lost offsets is the member's way on.
    await send(`${url}/v1/groups/json/members/${memberId}/seek`, 'POST', { topic: 'mixed', partition: 0, offset: 40 });
    await send(`${url}/v1/topics/mixed/records`, 'POST', { records: [{ value: 'new', partition: 0 }] });
    const third = await send(records);
    expect(third.body.errors).toBeUndefined();
    expect(third.body.records.map((r: { partition: number; offset: number }) => [r.partition, r.offset])).toEqual([
      [0, 40],
    ]);
  });

  it('answers the damaged partition as its error code in a version 1 frame, and fails a version 0 fetch whole', async () => {
    const { url } = await brokerOverDamage();
    const { memberId, generationId } = await join_(url, 'binary');
    const records = `${url}/v1/groups/binary/members/${memberId}/records?generationId=${generationId}`;

    // A client that reads only version 0 gets the whole fetch refused, as before version 1.
    const old = await binaryFetch(records, RECORD_BATCH_MEDIA_TYPE);
    expect(old.status).toBe(500);
    expect(old.body.error).toMatchObject({ name: 'CORRUPT_MESSAGE', details: { topic: 'mixed', partition: 0 } });

    const answer = await binaryFetch(`${records}&waitMs=60000`, recordBatchAccept([]));
    expect(answer.frame!.version).toBe(1);
    const [damaged, healthy] = answer.frame!.partitions;
    expect(damaged).toMatchObject({
      partition: 0,
      fetchOffset: 0,
      nextOffset: 0,
      error: { code: 2, name: 'CORRUPT_MESSAGE', message: expect.stringMatching(/mixed-0/) },
    });
    expect(damaged!.records.length).toBe(0);
    expect(healthy).toMatchObject({ partition: 1, fetchOffset: 0, nextOffset: 3 });
    expect(healthy!.error).toBeUndefined();

    const again = await binaryFetch(records, recordBatchAccept([]));
    expect(
      again.frame!.partitions.map(({ partition, fetchOffset, error }) => [partition, fetchOffset, error?.name]),
    ).toEqual([[0, 0, 'CORRUPT_MESSAGE']]);
  });

  it("passes the damaged partition over in the tutorial's consume while another has a message, then answers its error", async () => {
    const { url } = await brokerOverDamage();
    const poll = () => send(`${url}/topics/mixed/messages?consumer_id=c1&group_id=tg`);
    const first = await poll();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject([{ partition_id: 1, message_offset: 0 }]);
    for (const offset of [0, 1, 2]) {
      const ack = await send(
        `${url}/topics/mixed/messages/${offset}/ack?consumer_id=c1&partition_id=1&group_id=tg`,
        'POST',
      );
      expect(ack.status).toBe(200);
    }
    const drained = await poll();
    expect(drained.status).toBe(500);
    expect(drained.body.detail).toMatch(/mixed-0/);
  });
});
