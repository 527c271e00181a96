import type { DecodedResponseOf, Fetch, RequestInputOf } from '@mini-kafka/kafka-protocol';
import { batchSize, decodeRecordBatches } from '@mini-kafka/storage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callHandler, handlerContext, type TestHandlerContext } from '../testing/handler-context.js';
import { fetchHandler } from './fetch.js';

const VALUE = 'v'.repeat(100);

let ctx: TestHandlerContext;
/** Bytes of one stored batch of one record of VALUE. */
let batch: number;

/** Appends `count` batches of one record each to a partition of `t`. */
async function fill(partition: number, count: number): Promise<void> {
  const log = ctx.logs.getLog('t', partition);
  while (log.logEndOffset < count) await log.append([{ value: VALUE }]);
}

interface Wanted {
  topic?: string;
  partition: number;
  offset?: number;
  maxBytes?: number;
}

type FetchInput = RequestInputOf<typeof Fetch>;

function request(wanted: Wanted[], options: Partial<FetchInput> = {}): FetchInput {
  const topics = [...new Set(wanted.map((w) => w.topic ?? 't'))].map((name) => ({
    topic: name,
    partitions: wanted
      .filter((w) => (w.topic ?? 't') === name)
      .map((w) => ({
        partition: w.partition,
        fetchOffset: w.offset ?? 0,
        partitionMaxBytes: w.maxBytes ?? 1024 * 1024,
      })),
  }));
  return { maxWaitMs: 0, minBytes: 1, maxBytes: 50 * 1024 * 1024, topics, ...options };
}

async function fetch(req: FetchInput, version = 11, signal?: AbortSignal): Promise<FetchedPartition[]> {
  const response = await callHandler(fetchHandler, ctx, version, req, { signal });
  expect(response?.errorCode ?? 0).toBe(0);
  return response!.responses.flatMap((topic) => topic.partitions);
}

type FetchedPartition = DecodedResponseOf<typeof Fetch>['responses'][number]['partitions'][number];

const offsets = (partition: FetchedPartition): number[] =>
  decodeRecordBatches(partition.records ?? Buffer.alloc(0)).map((record) => record.offset);

describe.each(['in memory', 'on disk'])('Fetch from a log %s', (where) => {
  beforeEach(async () => {
    ctx = await handlerContext({ onDisk: where === 'on disk' });
    await ctx.logs.createTopic('t', { partitions: 3 });
    await ctx.logs.createTopic('empty', { partitions: 1 });
    await ctx.logs.getLog('t', 0).append([{ value: VALUE }]);
    batch = batchSize(Buffer.concat((await ctx.logs.getLog('t', 0).readRaw(0)).chunks), 0);
  });
  afterEach(() => ctx.close());

  it('v13 names topics by id and answers with the id; an unknown id is UNKNOWN_TOPIC_ID', async () => {
    const topicId = ctx.logs.topicId('t')!;
    const unknown = '0b0b0b0b-0000-4000-8000-000000000000';
    const response = await callHandler(fetchHandler, ctx, 13, {
      maxWaitMs: 0,
      minBytes: 1,
      topics: [
        { topicId, partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20 }] },
        { topicId: unknown, partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20 }] },
      ],
    });
    expect(response?.responses.map((topic) => [topic.topic, topic.topicId])).toEqual([
      ['', topicId],
      ['', unknown],
    ]);
    expect(offsets(response!.responses[0]!.partitions[0]!)).toEqual([0]);
    expect(response?.responses[1]?.partitions[0]?.errorCode).toBe(100);
  });

  describe('byte budgets', () => {
    it('returns whole batches up to the partition limit', async () => {
      await fill(0, 3);
      const [p0] = await fetch(request([{ partition: 0, maxBytes: 2 * batch + batch / 2 }]));
      expect(p0).toMatchObject({ partitionIndex: 0, errorCode: 0, highWatermark: 3, logStartOffset: 0 });
      expect(offsets(p0!)).toEqual([0, 1]);
      expect(p0!.records?.length).toBe(2 * batch);
    });

    it('returns the first batch whole even when it is larger than both limits', async () => {
      await fill(0, 3);
      const [p0] = await fetch(request([{ partition: 0, maxBytes: 10 }], { maxBytes: 10 }));
      expect(offsets(p0!)).toEqual([0]);
      expect(p0!.records?.length).toBe(batch);
    });

    it('shares the response limit across partitions: the later ones get what is left, then nothing', async () => {
      await fill(0, 2);
      await fill(1, 2);
      await fill(2, 2);
      const partitions = await fetch(
        request([{ partition: 0 }, { partition: 1 }, { partition: 2 }], { maxBytes: 3 * batch + batch / 2 }),
      );
      expect(partitions.map(offsets)).toEqual([[0, 1], [0], []]);
      expect(partitions.map((p) => p.errorCode)).toEqual([0, 0, 0]);
      expect(partitions[2]!.highWatermark).toBe(2);

      const used = await fetch(request([{ partition: 0 }, { partition: 1 }], { maxBytes: 2 * batch }));
      expect(used.map(offsets)).toEqual([[0, 1], []]);
    });

    it('returns the first batch of the first partition with data whole, even past the response limit', async () => {
      await fill(1, 2);
      const partitions = await fetch(request([{ partition: 0, offset: 1 }, { partition: 1 }], { maxBytes: 10 }));
      expect(partitions.map(offsets)).toEqual([[], [0]]);
    });
  });

  describe('waiting', () => {
    it('answers at once with nothing when maxWaitMs is 0', async () => {
      const [p0] = await fetch(request([{ partition: 0, offset: 1 }], { maxWaitMs: 0 }));
      expect(p0).toMatchObject({ errorCode: 0, highWatermark: 1 });
      expect(p0!.records?.length).toBe(0);
    });

    it('waits for data and is woken by a produce to any partition asked for', async () => {
      const waiting = fetch(request([{ partition: 0, offset: 1 }, { partition: 2 }], { maxWaitMs: 120_000 }));
      await new Promise((resolve) => setImmediate(resolve));
      await ctx.logs.getLog('t', 2).append([{ value: 'wake up' }]);
      const partitions = await waiting;
      expect(partitions.map(offsets)).toEqual([[], [0]]);
      expect(decodeRecordBatches(partitions[1]!.records!)[0]!.value?.toString()).toBe('wake up');
    });

    it('answers with what there is once maxWaitMs passes', async () => {
      const [p0] = await fetch(request([{ partition: 0, offset: 1 }], { maxWaitMs: 50 }));
      expect(p0).toMatchObject({ errorCode: 0, highWatermark: 1 });
      expect(p0!.records?.length).toBe(0);
    });

    it('waits for the next produce when fewer than minBytes are there, and answers what there is at maxWaitMs', async () => {
      const waiting = fetch(request([{ partition: 0 }], { minBytes: 10 * batch, maxWaitMs: 120_000 }));
      await new Promise((resolve) => setImmediate(resolve));
      await ctx.logs.getLog('t', 0).append([{ value: 'more' }]);
      expect(offsets((await waiting)[0]!)).toEqual([0, 1]);

      const [timedOut] = await fetch(request([{ partition: 0 }], { minBytes: 10 * batch, maxWaitMs: 50 }));
      expect(offsets(timedOut!)).toEqual([0, 1]);
    });

    it('is not put to sleep by records appended while it reads: it answers them at once', async () => {
      // An append to partition 0 lands while partition 1 is being read, after partition 0 was read empty.
      const p1 = ctx.logs.getLog('t', 1);
      const readRaw = p1.readRaw.bind(p1);
      p1.readRaw = async (offset, options) => {
        await ctx.logs.getLog('t', 0).append([{ value: 'during the read' }]);
        return readRaw(offset, options);
      };
      const partitions = await fetch(request([{ partition: 0, offset: 1 }, { partition: 1 }], { maxWaitMs: 10_000 }));
      expect(partitions.map(offsets)).toEqual([[1], []]);
    });

    it('stops waiting when the connection closes', async () => {
      const closed = new AbortController();
      const waiting = fetch(request([{ partition: 0, offset: 1 }], { maxWaitMs: 120_000 }), 11, closed.signal);
      await new Promise((resolve) => setImmediate(resolve));
      closed.abort();
      const [p0] = await waiting;
      expect(p0!.records?.length).toBe(0);
    });
  });

  describe('isolation level and versions', () => {
    it('serves the same records to read_committed and read_uncommitted (no transactions), with LSO = high watermark', async () => {
      await fill(0, 2);
      for (const isolationLevel of [0, 1]) {
        const [p0] = await fetch(request([{ partition: 0 }], { isolationLevel }));
        expect(offsets(p0!), `isolation ${isolationLevel}`).toEqual([0, 1]);
        expect(p0).toMatchObject({ highWatermark: 2, lastStableOffset: 2, abortedTransactions: [] });
      }
    });

    it('answers v4 and v11 alike; v11 says there is no preferred read replica', async () => {
      const [v4] = await fetch(request([{ partition: 0 }]), 4);
      expect(offsets(v4!)).toEqual([0]);
      const [v11] = await fetch(request([{ partition: 0 }]), 11);
      expect(offsets(v11!)).toEqual([0]);
      expect(v11!.preferredReadReplica).toBe(-1);
    });
  });

  describe('errors per partition', () => {
    it('answers UNKNOWN_TOPIC_OR_PARTITION for an unknown topic or partition, and serves the others', async () => {
      const partitions = await fetch(request([{ topic: 'nope', partition: 0 }, { partition: 9 }, { partition: 0 }]));
      expect(partitions.map((p) => [p.partitionIndex, p.errorCode, p.highWatermark])).toEqual([
        [0, 3, -1],
        [9, 3, -1],
        [0, 0, 1],
      ]);
      expect(offsets(partitions[2]!)).toEqual([0]);
    });

    it('answers OFFSET_OUT_OF_RANGE past the log end, with the log bounds', async () => {
      const [p0] = await fetch(request([{ partition: 0, offset: 5 }]));
      expect(p0).toMatchObject({ errorCode: 1, highWatermark: 1, logStartOffset: 0 });
      expect(p0!.records?.length).toBe(0);
    });

    it('does not wait when a partition has an error', async () => {
      const partitions = await fetch(
        request(
          [
            { partition: 0, offset: 1 },
            { topic: 'nope', partition: 0 },
          ],
          { maxWaitMs: 120_000 },
        ),
      );
      expect(partitions.map((p) => p.errorCode)).toEqual([0, 3]);
    });

    it('serves an empty topic from offset 0 with no records', async () => {
      const [p0] = await fetch(request([{ topic: 'empty', partition: 0 }]));
      expect(p0).toMatchObject({ errorCode: 0, highWatermark: 0, logStartOffset: 0 });
      expect(p0!.records?.length).toBe(0);
    });
  });
});
