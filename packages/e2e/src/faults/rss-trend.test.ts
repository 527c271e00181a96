import { SeededRandom, testSeed } from '@mini-kafka/testing';
import { describe, expect, it } from 'vitest';
import { median, type RssSample, rssVerdict, theilSenSlope } from './rss-trend.js';

const MIB = 1024 * 1024;
const random = SeededRandom.derive(testSeed(), 'rss-trend');

/** 60 samples, 10 s apart, of `mib(t)` plus up to ±`noise` MiB and a GC spike every 7th sample. */
function series(mib: (t: number) => number, noise = 3): RssSample[] {
  return Array.from({ length: 60 }, (_, i) => {
    const t = i * 10;
    const spike = i % 7 === 3 ? 40 : 0;
    return { t, rssBytes: (mib(t) + spike + (random.int(2 * noise * 100) / 100 - noise)) * MIB };
  });
}

describe('rssVerdict', () => {
  it('calls a warm-up followed by a noisy plateau with GC spikes flat', () => {
    const verdict = rssVerdict(series((t) => (t < 150 ? 80 + t / 3 : 130)));
    expect(verdict.flat).toBe(true);
    expect(verdict.middleMedianMiB).toBeGreaterThan(125);
    expect(Math.abs(verdict.slopeMiBPerMinute)).toBeLessThan(1);
  });

  it('calls a steady leak of 0.25 MiB/s growing, and reports its slope', () => {
    const verdict = rssVerdict(series((t) => 130 + t / 4));
    expect(verdict.flat).toBe(false);
    expect(verdict.slopeMiBPerMinute).toBeCloseTo(15, 0);
  });

  it('calls a jump of the last third growing', () => {
    expect(rssVerdict(series((t) => (t < 400 ? 130 : 190))).flat).toBe(false);
  });

  it('refuses to judge too few samples', () => {
    expect(() => rssVerdict(series(() => 100).slice(0, 5))).toThrow('at least 6');
  });
});

describe('median and theilSenSlope', () => {
  it('take the middle value and the median pairwise slope, ignoring an outlier', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const points = [0, 1, 2, 3, 4, 5].map((t) => ({ t, v: 2 * t + (t === 4 ? 100 : 0) }));
    expect(theilSenSlope(points)).toBe(2);
  });
});
