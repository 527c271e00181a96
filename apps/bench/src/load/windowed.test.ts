import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { windowed } from './windowed.js';

describe('windowed', () => {
  it('runs every task once, in order of start, never more than the window at a time', async () => {
    const started: number[] = [];
    let active = 0;
    let most = 0;
    await windowed(20, 4, async (index) => {
      started.push(index);
      active++;
      most = Math.max(most, active);
      await sleep(index % 3);
      active--;
    });
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(4);
  });

  it('does nothing for no tasks and rejects with the first failure', async () => {
    await windowed(0, 4, () => Promise.reject(new Error('never')));
    const seen: number[] = [];
    await expect(
      windowed(10, 2, async (index) => {
        seen.push(index);
        if (index === 3) throw new Error('task 3 failed');
      }),
    ).rejects.toThrow('task 3 failed');
    expect(seen.length).toBeLessThan(10);
  });
});
