import { describe, expect, it } from 'vitest';
import { forEachLimited } from './run-limited.js';

describe('forEachLimited', () => {
  it('runs every item, never more than the limit at once, and throws the first failure after all are done', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const error = await forEachLimited(
      Array.from({ length: 50 }, (_, i) => i),
      4,
      async (item) => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running--;
        done.push(item);
        if (item === 3 || item === 7) throw new Error(`item ${item}`);
      },
    ).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('item 3');
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(most).toBe(4);
  });
});
