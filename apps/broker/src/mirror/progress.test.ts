import { ManualClock } from '@mini-kafka/storage';
import { describe, expect, it } from 'vitest';
import { MirrorProgress } from './progress.js';

describe('MirrorProgress', () => {
  it('prints the total, the rate since the last line and each topic’s lag', () => {
    const clock = new ManualClock(0);
    const progress = new MirrorProgress(clock);
    expect(progress.line()).toBe('mirror: 0 records copied, 0 records/s, lag -');
    progress.recordCopied('b', 30);
    progress.recordCopied('a', 10);
    progress.setLag('a', 0, 5);
    progress.setLag('a', 1, 2);
    progress.setLag('b', 0, 0);
    clock.advance(2000);
    expect(progress.line()).toBe('mirror: 40 records copied, 20 records/s, lag a=7 b=0');
    expect(progress.recordsCopied).toBe(40);
  });
});
