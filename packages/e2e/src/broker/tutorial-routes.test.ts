/**
 * The tutorial's routes, called exactly as its clients call them: query parameters,
 * snake_case answers, poll-then-ack delivery.
 */
import { partitionForKey } from '@mini-kafka/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { call } from '../support/json-call.js';

const brokers = new Brokers();
afterEach(() => brokers.cleanup());

async function setup(partitions = 3) {
  const broker = await brokers.start();
  const base = broker.url;
  const created = await call(base, 'POST', `/topics/orders/create?num_partitions=${partitions}`);
  expect(created.status).toBe(200);
  return { broker, base };
}

describe('tutorial routes', () => {
  it('creates a topic once; creating it again changes nothing', async () => {
    const { base } = await setup(3);
    const again = await call(base, 'POST', '/topics/orders/create?num_partitions=8');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ num_partitions: 3, created: false });
    const described = await call(base, 'GET', '/v1/topics/orders');
    expect(described.body.partitions).toBe(3);
  });

  it('produces round-robin without a key and to one partition per key', async () => {
    const { base } = await setup(3);
    const unkeyed = [];
    for (let i = 0; i < 6; i++) unkeyed.push((await call(base, 'POST', `/topics/orders/messages?message=m${i}`)).body);
    expect(unkeyed.map((r) => r.partition_id)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(unkeyed[3]).toEqual({ message_id: 1, message_offset: 1, partition_id: 0 });

    const keyed = [];
    for (let i = 0; i < 5; i++)
      keyed.push((await call(base, 'POST', `/topics/orders/messages?message=k${i}&key=customer-7`)).body);
    const expected = partitionForKey('customer-7', 3);
    expect(keyed.every((r) => r.partition_id === expected)).toBe(true);
    expect(keyed.map((r) => r.message_offset)).toEqual([2, 3, 4, 5, 6]);

    const viaBody = await call(base, 'POST', '/topics/orders/messages', { message: 'json body', key: '' });
    expect(viaBody.status).toBe(200);
    expect(viaBody.body.partition_id).toBe(0);
  });

  it('auto-creates a topic on first message', async () => {
    const broker = await brokers.start();
    const produced = await call(broker.url, 'POST', '/topics/fresh/messages?message=hello');
    expect(produced.body).toEqual({ message_id: 0, message_offset: 0, partition_id: 0 });
  });

  it('shares partitions round-robin in join order and idles extra members', async () => {
    const { base } = await setup(6);
    const assigned: Record<string, number[]> = {};
    for (const consumer of ['c1', 'c2', 'c3']) {
      await call(base, 'POST', `/topics/orders/groups/g/subscribe?consumer_id=${consumer}`);
    }
    for (const consumer of ['c1', 'c2', 'c3']) {
      const again = await call(base, 'POST', `/topics/orders/groups/g/subscribe?consumer_id=${consumer}`);
      assigned[consumer] = again.body.assigned_partitions;
    }
    expect(assigned).toEqual({ c1: [0, 3], c2: [1, 4], c3: [2, 5] });

    const small = await call(base, 'POST', '/topics/orders2/create?num_partitions=2');
    expect(small.status).toBe(200);
    await call(base, 'POST', '/topics/orders2/groups/h/subscribe?consumer_id=a');
    await call(base, 'POST', '/topics/orders2/groups/h/subscribe?consumer_id=b');
    const idle = await call(base, 'POST', '/topics/orders2/groups/h/subscribe?consumer_id=c');
    expect(idle.body.assigned_partitions).toEqual([]);
    const poll = await call(base, 'GET', '/topics/orders2/messages?consumer_id=c&group_id=h');
    expect(poll.status).toBe(404);
    expect(poll.body.detail).toMatch(/no partitions/);
  });

  it('redelivers until acknowledged; three consumers drain the topic with no message read twice', async () => {
    const { base } = await setup(3);
    for (let i = 0; i < 60; i++) await call(base, 'POST', `/topics/orders/messages?message=msg-${i}`);
    for (const consumer of ['c1', 'c2', 'c3'])
      await call(base, 'POST', `/topics/orders/groups/g/subscribe?consumer_id=${consumer}`);

    const first = await call(base, 'GET', '/topics/orders/messages?consumer_id=c1&group_id=g');
    expect(first.body).toHaveLength(1);
    const again = await call(base, 'GET', '/topics/orders/messages?consumer_id=c1&group_id=g');
    expect(again.body).toEqual(first.body);

    const seen = new Map<string, string>();
    const lastOffset = new Map<number, number>();
    let delivered = 0;
    for (let round = 0; round < 40 && delivered < 60; round++) {
      for (const consumer of ['c1', 'c2', 'c3']) {
        const poll = await call(base, 'GET', `/topics/orders/messages?consumer_id=${consumer}&group_id=g`);
        expect(poll.status).toBe(200);
        for (const message of poll.body) {
          const id = `${message.partition_id}:${message.message_offset}`;
          expect(seen.has(id), `message ${id} read twice`).toBe(false);
          seen.set(id, consumer);
          expect(message.message_offset).toBe((lastOffset.get(message.partition_id) ?? -1) + 1);
          lastOffset.set(message.partition_id, message.message_offset);
          const ack = await call(
            base,
            'POST',
            `/topics/orders/messages/${message.message_offset}/ack?consumer_id=${consumer}&partition_id=${message.partition_id}`,
          );
          expect(ack.status).toBe(200);
          delivered++;
        }
      }
    }
    expect(delivered).toBe(60);
    expect(new Set([...seen.values()])).toEqual(new Set(['c1', 'c2', 'c3']));
    const done = await call(base, 'GET', '/topics/orders/messages?consumer_id=c2&group_id=g');
    expect(done.body).toEqual([]);

    // A second group reads everything again, independently.
    await call(base, 'POST', '/topics/orders/groups/audit/subscribe?consumer_id=auditor');
    let audited = 0;
    for (let i = 0; i < 100; i++) {
      const poll = await call(base, 'GET', '/topics/orders/messages?consumer_id=auditor&group_id=audit');
      if (poll.body.length === 0) break;
      for (const message of poll.body) {
        await call(
          base,
          'POST',
          `/topics/orders/messages/${message.message_offset}/ack?consumer_id=auditor&partition_id=${message.partition_id}&group_id=audit`,
        );
        audited++;
      }
    }
    expect(audited).toBe(60);
  });

  it('rejects an ack for a partition the consumer does not own, changing nothing', async () => {
    const { base } = await setup(3);
    for (let i = 0; i < 3; i++) await call(base, 'POST', `/topics/orders/messages?message=m${i}`);
    await call(base, 'POST', '/topics/orders/groups/g/subscribe?consumer_id=c1');
    await call(base, 'POST', '/topics/orders/groups/g/subscribe?consumer_id=c2');
    const owned = (await call(base, 'POST', '/topics/orders/groups/g/subscribe?consumer_id=c1')).body
      .assigned_partitions as number[];
    const foreign = [0, 1, 2].find((p) => !owned.includes(p))!;
    const ack = await call(base, 'POST', `/topics/orders/messages/0/ack?consumer_id=c1&partition_id=${foreign}`);
    expect(ack.status).toBe(409);
    expect(typeof ack.body.detail).toBe('string');
    const offsets = await call(base, 'GET', '/v1/groups/g/offsets');
    expect(offsets.body.offsets).toEqual([]);
  });

  it('lets a consumer without a group read the whole topic, one message at a time', async () => {
    const { base } = await setup(3);
    for (let i = 0; i < 6; i++) await call(base, 'POST', `/topics/orders/messages?message=m${i}`);
    const values: string[] = [];
    for (let i = 0; i < 10; i++) {
      const poll = await call(base, 'GET', '/topics/orders/messages?consumer_id=solo');
      if (poll.status === 404) {
        expect(poll.body).toEqual({ detail: 'No new messages' });
        break;
      }
      expect(Object.keys(poll.body).sort()).toEqual(['data', 'message_id', 'message_offset', 'partition_id']);
      values.push(poll.body.data);
      const ack = await call(
        base,
        'POST',
        `/topics/orders/messages/${poll.body.message_offset}/ack?consumer_id=solo&partition_id=${poll.body.partition_id}`,
      );
      expect(ack.status).toBe(200);
    }
    expect(values.sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('answers bad input with the documented errors and stores nothing', async () => {
    const broker = await brokers.start({ maxMessageBytes: 1000 });
    const base = broker.url;
    for (const path of [
      '/topics/%2E%2E%2Fx/create',
      '/topics/a%2Fb/messages?message=x',
      '/topics/..%2F..%2Fetc/create',
    ]) {
      const response = await call(base, 'POST', path);
      expect(response.status, path).toBe(400);
      expect(response.body.detail).toMatch(/Invalid topic name/);
    }
    expect((await call(base, 'GET', '/topics/missing/messages?consumer_id=c')).status).toBe(404);
    await call(base, 'POST', '/topics/t/create?num_partitions=2');
    expect((await call(base, 'POST', '/topics/t/create?num_partitions=-1')).status).toBe(400);
    expect((await call(base, 'POST', '/topics/t/messages/0/ack?consumer_id=c&partition_id=-1')).status).toBe(400);
    expect((await call(base, 'POST', '/topics/t/messages/0/ack?consumer_id=c&partition_id=7')).status).toBe(404);
    const huge = await call(base, 'POST', `/topics/t/messages?message=${'x'.repeat(2000)}`);
    expect(huge.status).toBe(413);
    const malformed = await call(base, 'POST', '/topics/t/messages', '{"message": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/not valid JSON/);
    const missing = await call(base, 'POST', '/topics/t/messages', {});
    expect(missing.status).toBe(400);
    // Text that cannot be UTF-8 (a lone surrogate) is refused, not stored as U+FFFD.
    const lone = await call(base, 'POST', '/topics/t/messages', '{"message": "half \\ud83d an emoji"}');
    expect(lone.status).toBe(400);
    expect(lone.body.detail).toMatch(/^message is not valid Unicode text/);
    const described = await call(base, 'GET', '/v1/topics/t');
    expect(described.body.partitionDetails.map((p: { logEndOffset: number }) => p.logEndOffset)).toEqual([0, 0]);
    expect((await call(base, 'GET', '/v1/topics')).body.topics.map((t: { name: string }) => t.name)).toEqual(['t']);
  });
});
