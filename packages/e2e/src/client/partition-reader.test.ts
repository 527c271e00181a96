/** The SDK's PartitionReader against a real broker: reads from an offset, long polls, range errors. */
import type { Broker } from '@mini-kafka/broker';
import { MiniKafka } from '@mini-kafka/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';

const brokers = new Brokers();
let broker: Broker;
let kafka: MiniKafka;

beforeAll(async () => {
  broker = await brokers.start();
  kafka = new MiniKafka({ url: broker.url });
  await kafka.admin().createTopic('audit', { partitions: 2 });
  const producer = kafka.producer();
  await producer.sendBatch('audit', [
    { value: 'a', key: 'k', headers: { h: 'x' }, partition: 1 },
    { value: 'b', partition: 1 },
    { value: Buffer.from([0xca, 0xfe]), partition: 1 },
  ]);
  await producer.close();
});

afterAll(() => brokers.cleanup());

describe('PartitionReader', () => {
  it('reads a partition from an offset, with the offsets to read on from', async () => {
    const reader = kafka.partitionReader();
    const first = await reader.read('audit', 1, 0, { maxRecords: 2 });
    expect(first).toMatchObject({ nextOffset: 2, highWatermark: 3, logStartOffset: 0 });
    expect(
      first.records.map((record) => [record.offset, record.key?.toString() ?? null, record.value?.toString()]),
    ).toEqual([
      [0, 'k', 'a'],
      [1, null, 'b'],
    ]);
    expect(first.records[0]!.headers).toEqual({ h: Buffer.from('x') });
    const rest = await reader.read('audit', 1, first.nextOffset);
    expect(rest.records.map((record) => record.value)).toEqual([Buffer.from([0xca, 0xfe])]);
    expect(rest.nextOffset).toBe(3);
    expect((await reader.read('audit', 0, 0)).records).toEqual([]);
  });

  it('waits for records with waitMs, and answers OFFSET_OUT_OF_RANGE past the log end', async () => {
    const reader = kafka.partitionReader();
    const waiting = reader.read('audit', 0, 0, { waitMs: 5_000 });
    const producer = kafka.producer();
    await producer.send('audit', 'late', { partition: 0 });
    await producer.close();
    expect((await waiting).records.map((record) => record.value?.toString())).toEqual(['late']);
    await expect(reader.read('audit', 0, 99)).rejects.toMatchObject({ type: 'OFFSET_OUT_OF_RANGE' });
  });
});
