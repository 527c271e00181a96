// The fetch memory budget: grants what is free, queues the rest in order, admits a read with
// one batch after the wait bound, and never hands out more than it has (but for those).
import { ManualScheduler } from '@mini-kafka/protocol';
import { READ_WINDOW_BYTES } from '@mini-kafka/storage';
import { describe, expect, it } from 'vitest';
import { FetchMemory } from './fetch-memory.js';

const KIB = 1024;

function memory(limitBytes = 1024 * KIB, maxWaitMs = 1000): { memory: FetchMemory; scheduler: ManualScheduler } {
  const scheduler = new ManualScheduler();
  return { memory: new FetchMemory({ limitBytes, maxWaitMs, scheduler }), scheduler };
}

/** Whether `promise` has settled, after the microtasks queued so far ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('FetchMemory', () => {
  it('grants at once what is asked while the budget has it, then what is left', async () => {
    const { memory: budget } = memory();
    const a = await budget.acquire(600 * KIB);
    expect(a.granted).toBe(600 * KIB);
    const b = await budget.acquire(600 * KIB);
    expect(b.granted).toBe(424 * KIB);
    expect(budget.heldBytes).toBe(1024 * KIB);
    a.release();
    b.release();
    expect(budget.heldBytes).toBe(0);
  });

  it('grants one read no more than the per-read cap, however much it asks and is free', async () => {
    const budget = new FetchMemory({ limitBytes: 1024 * KIB, maxLeaseBytes: 256 * KIB, maxWaitMs: 1000 });
    expect((await budget.acquire(1024 * KIB)).granted).toBe(256 * KIB);
    expect((await budget.acquire(100 * KIB)).granted).toBe(100 * KIB);
  });

  it('queues reads when too little is free and admits them in order as bytes come back', async () => {
    const { memory: budget } = memory();
    const first = await budget.acquire(1000 * KIB);
    const second = budget.acquire(300 * KIB);
    const third = budget.acquire(300 * KIB);
    expect(budget.waiting).toBe(2);
    expect(await settled(second)).toBe(false);
    first.hold(800 * KIB); // the read used less than it was granted: the rest goes back
    expect((await second).granted).toBe(224 * KIB); // what is free: the answer is shorter
    expect(await settled(third)).toBe(false);
    first.release();
    expect((await third).granted).toBe(300 * KIB);
    expect(budget.waiting).toBe(0);
    expect(budget.heldBytes).toBe(524 * KIB);
  });

  it('admits a read waiting past the bound with one byte: it returns its first batch, and holds what it read', async () => {
    const { memory: budget, scheduler } = memory(256 * KIB, 1000);
    const blocker = await budget.acquire(256 * KIB);
    const late = budget.acquire(64 * KIB);
    scheduler.advance(999);
    expect(await settled(late)).toBe(false);
    scheduler.advance(1);
    const lease = await late;
    expect(lease.granted).toBe(1);
    lease.hold(100 * KIB); // one batch, whole
    expect(budget.heldBytes).toBe(356 * KIB);
    expect(budget.peakBytes).toBe(356 * KIB);
    blocker.release();
    lease.release();
    expect(budget.heldBytes).toBe(0);
  });

  it('answers an aborted wait with a grant of nothing, and leaves the queue', async () => {
    const { memory: budget } = memory(128 * KIB);
    const blocker = await budget.acquire(128 * KIB);
    const gone = new AbortController();
    const waiting = budget.acquire(64 * KIB, gone.signal);
    gone.abort();
    expect((await waiting).granted).toBe(0);
    expect(budget.waiting).toBe(0);
    blocker.release();
    expect((await budget.acquire(1, gone.signal)).granted).toBe(0);
    expect(budget.heldBytes).toBe(0);
  });

  it('hands a released lease its read windows to the next lease, larger buffers not', async () => {
    const { memory: budget } = memory();
    const first = await budget.acquire(1024 * KIB);
    const window = first.allocate(READ_WINDOW_BYTES);
    const part = first.allocate(1000);
    const large = first.allocate(READ_WINDOW_BYTES + 1);
    expect([window.length, part.length, large.length]).toEqual([READ_WINDOW_BYTES, 1000, READ_WINDOW_BYTES + 1]);
    first.release();
    const second = await budget.acquire(1024 * KIB);
    const again = [second.allocate(10), second.allocate(READ_WINDOW_BYTES), second.allocate(READ_WINDOW_BYTES)];
    const reused = again.map((buffer) => buffer.buffer);
    expect(reused).toContain(window.buffer);
    expect(reused).toContain(part.buffer);
    expect(reused).not.toContain(large.buffer);
    second.release();
  });

  it('gives nothing back twice and never goes below zero', async () => {
    const { memory: budget } = memory();
    const lease = await budget.acquire(10 * KIB);
    lease.release();
    lease.release();
    lease.hold(5 * KIB);
    expect(budget.heldBytes).toBe(0);
  });

  it('many reads at once: the grants held together never pass the budget', async () => {
    const { memory: budget } = memory(1024 * KIB);
    const reads = Array.from({ length: 8 }, async () => {
      const lease = await budget.acquire(512 * KIB);
      expect(budget.heldBytes).toBeLessThanOrEqual(1024 * KIB);
      await new Promise((resolve) => setImmediate(resolve)); // the read, the write
      lease.release();
      return lease.granted;
    });
    const leases = await Promise.all(reads);
    expect(leases.every((granted) => granted > 0)).toBe(true);
    expect(budget.peakBytes).toBeLessThanOrEqual(1024 * KIB);
    expect(budget.heldBytes).toBe(0);
  });
});
