// Fetch within the fetch memory budget: parallel fetches wait for budget or answer with fewer
// bytes, their grants together never pass it, and a fetch left waiting past the bound still
// gets its first batch, whole (KIP-74). Time is a ManualScheduler's: nothing here sleeps.
import type { DecodedResponseOf, Fetch, RequestInputOf } from '@mini-kafka/kafka-protocol';
import { ManualScheduler } from '@mini-kafka/protocol';
import { batchSize, decodeRecordBatches } from '@mini-kafka/storage';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FetchMemory } from '../../services/fetch-memory.js';
import { callHandler, handlerContext, type TestHandlerContext } from '../testing/handler-context.js';
import { fetchHandler } from './fetch.js';

const KIB = 1024;
const WAIT_MS = 1000;

let ctx: TestHandlerContext;
let scheduler: ManualScheduler;
let budget: FetchMemory;

beforeEach(async () => {
  ctx = await handlerContext({ onDisk: true });
  scheduler = new ManualScheduler();
  budget = new FetchMemory({ limitBytes: 64 * KIB, maxWaitMs: WAIT_MS, scheduler });
  ctx.fetchMemory = budget;
  await ctx.logs.createTopic('t', { partitions: 2 });
});
afterEach(() => ctx.close());

/** Appends `batches` batches of `records` records of `size` bytes each to partition `partition`. */
async function fill(partition: number, batches: number, records: number, size: number): Promise<number> {
  const log = ctx.logs.getLog('t', partition);
  for (let i = 0; i < batches; i++) {
    await log.append(Array.from({ length: records }, (_, r) => ({ value: `${i}-${r}`.padEnd(size, '.') })));
  }
  return batchSize(Buffer.concat((await log.readRaw(0)).chunks), 0);
}

type FetchInput = RequestInputOf<typeof Fetch>;
type FetchAnswer = DecodedResponseOf<typeof Fetch>;

const fetchAll = (partition: number, signal?: AbortSignal): Promise<FetchAnswer | undefined> => {
  const request: FetchInput = {
    maxWaitMs: 0,
    minBytes: 1,
    maxBytes: 16 * 1024 * KIB,
    topics: [{ topic: 't', partitions: [{ partition, fetchOffset: 0, partitionMaxBytes: 16 * 1024 * KIB }] }],
  };
  return callHandler(fetchHandler, ctx, 11, request, { signal });
};

const recordsOf = (answer: FetchAnswer | undefined): Buffer =>
  answer?.responses[0]?.partitions[0]?.records ?? Buffer.alloc(0);

describe('Fetch within the fetch memory budget', () => {
  it('parallel large fetches wait for budget, answer with fewer bytes, and never hold more than it', async () => {
    await fill(0, 100, 1, 1000); // ~1 KB batches, ~105 KB in all
    const blocker = await budget.acquire(64 * KIB);
    const fetches = Array.from({ length: 4 }, () => fetchAll(0));
    await vi.waitFor(() => expect(budget.waiting).toBe(4));
    blocker.release();
    const answers = await Promise.all(fetches);
    for (const answer of answers) {
      const records = recordsOf(answer);
      expect(records.length).toBeGreaterThan(0);
      expect(records.length).toBeLessThanOrEqual(64 * KIB);
      const offsets = decodeRecordBatches(records).map((record) => record.offset);
      expect(offsets).toEqual(Array.from({ length: offsets.length }, (_, i) => i));
    }
    expect(budget.peakBytes).toBeLessThanOrEqual(64 * KIB);
    expect(budget.heldBytes).toBe(0);
  });

  it('a fetch waiting past the bound with the budget spent gets its first batch whole, and no more', async () => {
    const batch = await fill(1, 3, 10, 10 * KIB); // ~100 KB batches: each larger than the budget
    expect(batch).toBeGreaterThan(64 * KIB);
    const blocker = await budget.acquire(64 * KIB);
    const late = fetchAll(1);
    await vi.waitFor(() => expect(budget.waiting).toBe(1));
    scheduler.advance(WAIT_MS);
    const records = recordsOf(await late);
    expect(records.length).toBe(batch);
    expect(decodeRecordBatches(records).map((record) => record.offset)).toEqual(
      Array.from({ length: 10 }, (_, i) => i),
    );
    expect(budget.peakBytes).toBe(64 * KIB + batch);
    blocker.release();
    expect(budget.heldBytes).toBe(0);
  });

  it('a fetch whose client goes away while it waits reads nothing and holds nothing', async () => {
    await fill(0, 10, 1, 1000);
    const blocker = await budget.acquire(64 * KIB);
    const gone = new AbortController();
    const fetch = fetchAll(0, gone.signal);
    await vi.waitFor(() => expect(budget.waiting).toBe(1));
    gone.abort();
    expect((await fetch)?.responses).toEqual([]);
    expect(budget.heldBytes).toBe(64 * KIB);
    blocker.release();
  });

  it('caps an answer at the broker fetchMaxBytes whatever the request asks', async () => {
    const capped = await handlerContext({ config: { fetchMaxBytes: 4 * KIB } });
    try {
      await capped.logs.createTopic('t', { partitions: 1 });
      const log = capped.logs.getLog('t', 0);
      for (let i = 0; i < 20; i++) await log.append([{ value: 'x'.repeat(1000) }]);
      const answer = await callHandler(fetchHandler, capped, 11, {
        maxWaitMs: 0,
        minBytes: 1,
        maxBytes: 16 * 1024 * KIB,
        topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 16 * 1024 * KIB }] }],
      });
      const records = recordsOf(answer);
      expect(records.length).toBeGreaterThan(0);
      expect(records.length).toBeLessThanOrEqual(4 * KIB);
    } finally {
      await capped.close();
    }
  });
});
