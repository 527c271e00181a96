/**
 * Produce through the handler: what each partition of a request is answered, and that the
 * log's validator decides the error code a client gets for each kind of bad batch, with
 * nothing of a refused append stored.
 */
import type { ProduceRequest } from '@mini-kafka/kafka-protocol';
import {
  ATTRIBUTES_OFFSET,
  BATCH_HEADER_SIZE,
  CONTROL_MASK,
  encodeRecordBatch,
  MAGIC_OFFSET,
  rewriteCrc,
} from '@mini-kafka/storage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transactionalBatch } from '../../testing/transactional-batches.js';
import { callHandler, handlerContext, type TestHandlerContext } from '../testing/handler-context.js';
import { produceHandler } from './produce.js';

let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext();
  await ctx.logs.createTopic('t', { partitions: 2 });
  await ctx.logs.createTopic('small', { partitions: 1, config: { maxBatchBytes: 100 } });
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
      {
        topic: 't',
        partitionIndex: 0,
        errorCode: 0,
        baseOffset: 0,
        logAppendTimeMs: -1,
        logStartOffset: 0,
        recordErrors: [],
        errorMessage: null,
      },
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

  it('refuses a transactional batch without a transactional id with TRANSACTIONAL_ID_AUTHORIZATION_FAILED', async () => {
    const records = transactionalBatch(['a'], { producerId: 4, producerEpoch: 0, baseSequence: 0 });
    const answer = await produce(request([{ partition: 0, records }]));
    expect(answer?.map((p) => [p.errorCode, p.baseOffset])).toEqual([[53, -1]]);
    expect(await stored(0)).toEqual([]);
  });

  describe('from an idempotent producer', () => {
    const idempotent = (sequence: number, epoch: number, ...values: string[]): Buffer =>
      encodeRecordBatch(
        values.map((value) => ({ value })),
        { timestamp: 1_000, producerId: 4, producerEpoch: epoch, baseSequence: sequence },
      );

    it('answers a resent batch with its original base offset and stores it once', async () => {
      const first = await produce(request([{ partition: 0, records: idempotent(0, 0, 'a', 'b') }]));
      await produce(request([{ partition: 0, records: batchOf('other') }]));
      const resent = await produce(request([{ partition: 0, records: idempotent(0, 0, 'a', 'b') }]));
      expect(first?.[0]).toMatchObject({ errorCode: 0, baseOffset: 0 });
      expect(resent?.[0]).toMatchObject({ errorCode: 0, baseOffset: 0 });
      expect(await stored(0)).toEqual(['a', 'b', 'other']);
    });

    it('answers a gap with OUT_OF_ORDER_SEQUENCE_NUMBER and a stale epoch with INVALID_PRODUCER_EPOCH', async () => {
      await produce(request([{ partition: 0, records: idempotent(0, 1, 'a') }]));
      const [flexible] = (await produce(request([{ partition: 0, records: idempotent(5, 1, 'gap') }]), 9))!;
      expect(flexible).toMatchObject({ errorCode: 45, baseOffset: -1 });
      expect(flexible?.errorMessage).toMatch(/sequence 5 .* expected 1/);
      const gap = await produce(request([{ partition: 0, records: idempotent(5, 1, 'gap') }]));
      const stale = await produce(request([{ partition: 0, records: idempotent(1, 0, 'stale') }]));
      expect([gap?.[0]?.errorCode, stale?.[0]?.errorCode]).toEqual([45, 47]);
      expect([gap?.[0]?.baseOffset, stale?.[0]?.baseOffset]).toEqual([-1, -1]);
      expect(await stored(0)).toEqual(['a']);
    });
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

  it('answers CORRUPT_MESSAGE for a batch that fails its CRC, is cut short, or has no records at all', async () => {
    const corrupt = batchOf('a', 'b');
    corrupt[corrupt.length - 1]! ^= 0xff;
    const cut = batchOf('a');
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
    const more = await produce(
      request([
        { partition: 0, records: cut.subarray(0, cut.length - 1) },
        { partition: 1, records: null },
      ]),
    );
    expect(more?.map((p) => p.errorCode)).toEqual([2, 2]);
    expect(await stored(0)).toEqual([]);
  });

  it.each([
    [
      'record offset deltas out of sequence: INVALID_RECORD',
      87,
      (b: Buffer) => {
        // Record 1's offset delta: after record 0, then record 1's length, attributes and timestamp delta.
        b[BATCH_HEADER_SIZE + 1 + (b[BATCH_HEADER_SIZE]! >> 1) + 3] = 4;
        rewriteCrc(b, 0);
      },
    ],
    [
      'a control batch: INVALID_RECORD',
      87,
      (b: Buffer) => {
        b.writeInt16BE(CONTROL_MASK, ATTRIBUTES_OFFSET);
        rewriteCrc(b, 0);
      },
    ],
    ['a batch that is not RecordBatch v2: UNSUPPORTED_VERSION', 35, (b: Buffer) => b.writeInt8(1, MAGIC_OFFSET)],
  ])('refuses %s; a good batch before it in the same request is not stored either', async (_name, errorCode, edit) => {
    const bad = batchOf('x', 'y');
    edit(bad);
    const answer = await produce(request([{ partition: 0, records: Buffer.concat([batchOf('ok'), bad]) }]));
    expect(answer?.map((p) => [p.errorCode, p.baseOffset])).toEqual([[errorCode, -1]]);
    expect(await stored(0)).toEqual([]);
  });

  it("answers MESSAGE_TOO_LARGE for a batch over the topic's max batch size", async () => {
    const answer = await produce(
      request([{ topic: 'small', partition: 0, records: encodeRecordBatch([{ value: 'x'.repeat(100) }]) }]),
    );
    expect(answer?.map((p) => [p.errorCode, p.baseOffset])).toEqual([[10, -1]]);
    expect(ctx.logs.getLog('small', 0).logEndOffset).toBe(0);
  });
});
