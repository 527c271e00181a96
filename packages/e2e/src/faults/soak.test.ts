/**
 * The short soak of `pnpm test` (15 s; `pnpm fault-suite` runs 600, MINI_KAFKA_SOAK_SECONDS):
 * steady producers, group members joining and leaving, retention deleting segments
 * underneath; the broker's RSS stays flat (rss-trend.ts), both groups keep committing, and
 * retention moves every partition's log start. Fifteen seconds judge RSS only coarsely (a
 * leak must be fast to show); the full run is the real test of it.
 */
import { testSeed } from '@mini-kafka/testing';
import { describe, expect, it } from 'vitest';
import { formatSample, formatSoakSummary, runSoak, SAMPLE_HEADER } from './soak.js';

const SEED = testSeed();
const SECONDS = 15;

describe(`soak (seed ${SEED})`, () => {
  it(`keeps RSS flat and consumers progressing for ${SECONDS} s of churn and retention`, async () => {
    const summary = await runSoak({ seconds: SECONDS, seed: SEED });
    console.log([SAMPLE_HEADER, ...summary.samples.map(formatSample), formatSoakSummary(summary)].join('\n'));
    expect(summary.rss.flat, formatSoakSummary(summary)).toBe(true);
    expect(summary.progress).toEqual({ http: [true, true, true], kafkajs: [true, true, true] });
    for (const logStart of summary.logStartOffsets) expect(logStart).toBeGreaterThan(0);
    expect(summary.joinsAndLeaves).toBeGreaterThan(0);
    expect(summary.samples.every((sample) => sample.producedPerSecond > 0)).toBe(true);
  }, 120_000);
});
