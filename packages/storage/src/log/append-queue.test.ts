import { describe, expect, it } from 'vitest';
import { AppendQueue, type PendingAppend } from './append-queue.js';
import type { AppendResult } from './partition-log.js';
import { SerialQueue } from './serial-queue.js';

const answer = (offset: number): AppendResult => ({
  baseOffset: offset,
  lastOffset: offset,
  recordCount: 1,
  appendTime: 0,
});

/** A queue whose writer records each turn's appends and answers each with its index in arrival order. */
function recordingQueue(writer = new SerialQueue()) {
  const turns: string[][] = [];
  let next = 0;
  const queue = new AppendQueue(writer, async (queued: PendingAppend[]) => {
    turns.push(queued.map((append) => append.batches.toString()));
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const append of queued) append.resolve(answer(next++));
  });
  return { queue, turns };
}

describe('AppendQueue', () => {
  it('hands the writer everything that queued up during a write in one turn, in arrival order', async () => {
    const { queue, turns } = recordingQueue();
    const first = queue.submit(Buffer.from('a'));
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(turns).toEqual([['a']]);
    const rest = ['b', 'c', 'd'].map((name) => queue.submit(Buffer.from(name)));
    const results = await Promise.all([first, ...rest]);
    expect(turns).toEqual([['a'], ['b', 'c', 'd']]);
    expect(results.map((result) => result.baseOffset)).toEqual([0, 1, 2, 3]);
    await expect(queue.submit(Buffer.from('e'))).resolves.toEqual(answer(4));
    expect(turns).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
  });

  it('runs its turns on the serial queue, after the writer tasks queued before them', async () => {
    const writer = new SerialQueue();
    const { queue, turns } = recordingQueue(writer);
    const order: string[] = [];
    const roll = writer.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(`roll after ${turns.length} turns`);
    });
    await Promise.all([roll, queue.submit(Buffer.from('a'))]);
    expect(order).toEqual(['roll after 0 turns']);
    expect(turns).toEqual([['a']]);
  });

  it('keeps going after a turn whose write rejects', async () => {
    const writer = new SerialQueue();
    let calls = 0;
    const queue = new AppendQueue(writer, async (queued) => {
      calls++;
      if (calls === 1) {
        for (const append of queued) append.reject(new Error('disk full'));
        throw new Error('disk full');
      }
      for (const append of queued) append.resolve(answer(0));
    });
    await expect(queue.submit(Buffer.from('a'))).rejects.toThrow('disk full');
    await expect(queue.submit(Buffer.from('b'))).resolves.toEqual(answer(0));
  });
});
