import type { ProduceRequest } from '@mini-kafka/kafka-protocol';
import { crc32c, encodeRecordBatch } from '@mini-kafka/storage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callHandler, handlerContext, type TestHandlerContext } from '../testing/handler-context.js';
import { produceHandler } from './produce.js';

let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext();
  await ctx.logs.createTopic('t', { partitions: 2 });
});
afterEach(() => ctx.close());

const batchOf = (...values: string[]): Buffer =>
  encodeRecordBatch(
    values.map((value) => ({ value })),
    { timestamp: 1_000 },
  );

function request(
  partitions: { topic?: string; partition: number; records: Buffer | null }[],
  options: Partial<ProduceRequest> = {},
): ProduceRequest {
  const names = [...new Set(partitions.map((p) => p.topic ?? 't'))];
  return {
    transactionalId: null,
    acks: -1,
    timeoutMs: 30_000,
    topics: names.map((name) => ({
      name,
      partitions: partitions
        .filter((p) => (p.topic ?? 't') === name)
        .map((p) => ({ partitionIndex: p.partition, records: p.records })),
    })),
    ...options,
  };
}

async function produce(req: ProduceRequest, version = 7) {
  const response = await callHandler(produceHandler, ctx, version, req);
  return response?.responses.flatMap((topic) => topic.partitions.map((p) => ({ topic: topic.name, ...p })));
}

const stored = async (partition: number): Promise<string[]> =>
  (await ctx.logs.getLog('t', partition).read(0)).records.map((r) => r.value?.toString() ?? '');

describe('Produce', () => {
  it('appends a good batch and answers its base offset, per partition', async () => {
    const first = await produce(request([{ partition: 0, records: batchOf('a', 'b') }]));
    expect(first).toEqual([
      { topic: 't', partitionIndex: 0, errorCode: 0, baseOffset: 0, logAppendTimeMs: -1, logStartOffset: 0 },
    ]);
    const second = await produce(
      request([
        { partition: 0, records: batchOf('c') },
        { partition: 1, records: batchOf('x') },
      ]),
    );
    expect(second?.map((p) => [p.partitionIndex, p.errorCode, p.baseOffset])).toEqual([
      [0, 0, 2],
      [1, 0, 0],
    ]);
    expect(await stored(0)).toEqual(['a', 'b', 'c']);
    expect(await stored(1)).toEqual(['x']);
  });

  it('answers the base offset at the oldest version served (v0) too', async () => {
    const [answer] = (await produce(request([{ partition: 1, records: batchOf('old') }]), 0))!;
    expect(answer).toMatchObject({ partitionIndex: 1, errorCode: 0, baseOffset: 0 });
    expect(await stored(1)).toEqual(['old']);
  });

  it('answers nothing with acks = 0, and still appends', async () => {
    expect(await produce(request([{ partition: 0, records: batchOf('quiet') }], { acks: 0 }))).toBeUndefined();
    expect(await stored(0)).toEqual(['quiet']);
  });

  it('refuses acks other than 0, 1 and -1 with INVALID_REQUIRED_ACKS, appending nothing', async () => {
    const answer = await produce(request([{ partition: 0, records: batchOf('a') }], { acks: 2 }));
    expect(answer?.map((p) => [p.errorCode, p.baseOffset])).toEqual([[21, -1]]);
    expect(await stored(0)).toEqual([]);
  });

  it('refuses a transactional producer, appending nothing', async () => {
    const answer = await produce(request([{ partition: 0, records: batchOf('a') }], { transactionalId: 'tx-1' }));
    expect(answer?.map((p) => [p.errorCode, p.baseOffset])).toEqual([[42, -1]]);
    expect(await stored(0)).toEqual([]);
  });

  it('answers UNKNOWN_TOPIC_OR_PARTITION for an unknown topic or partition, without creating it', async () => {
    const answer = await produce(
      request([
        { topic: 'nope', partition: 0, records: batchOf('a') },
        { partition: 5, records: batchOf('b') },
        { partition: 1, records: batchOf('c') },
      ]),
    );
    expect(answer?.map((p) => [p.topic, p.partitionIndex, p.errorCode])).toEqual([
      ['nope', 0, 3],
      ['t', 5, 3],
      ['t', 1, 0],
    ]);
    expect(ctx.logs.hasTopic('nope')).toBe(false);
  });

  it('answers CORRUPT_MESSAGE for a batch that fails its CRC, or no records at all', async () => {
    const corrupt = batchOf('a', 'b');
    corrupt[corrupt.length - 1]! ^= 0xff;
    const answer = await produce(
      request([
        { partition: 0, records: corrupt },
        { partition: 1, records: Buffer.alloc(0) },
      ]),
    );
    expect(answer?.map((p) => [p.errorCode, p.baseOffset])).toEqual([
      [2, -1],
      [2, -1],
    ]);
    expect(await stored(0)).toEqual([]);
  });

  it('answers INVALID_RECORD for records whose offset deltas are out of sequence', async () => {
    const batch = batchOf('a', 'b');
    // The first record: varint length, attributes, timestamp delta 0, offset delta 0 -> 1 (zig-zag 2).
    expect(batch[64]).toBe(0);
    batch[64] = 2;
    batch.writeUInt32BE(crc32c(batch.subarray(21)), 17);
    const answer = await produce(request([{ partition: 0, records: batch }]));
    expect(answer?.map((p) => p.errorCode)).toEqual([87]);
    expect(await stored(0)).toEqual([]);
  });

  it('answers UNSUPPORTED_VERSION for a batch that is not RecordBatch v2', async () => {
    const batch = batchOf('a');
    batch[16] = 1;
    const answer = await produce(request([{ partition: 0, records: batch }]));
    expect(answer?.map((p) => p.errorCode)).toEqual([35]);
  });
});
