/**
 * The short corruption matrix of `pnpm test`: the cases marked `quick` (a flipped bit and a cut
 * in the tail and in a closed segment, after a clean stop and a kill; an index entry moved and
 * an index removed; a commit flipped in the offsets store; topic.json cut; a partition that
 * cannot be opened), each against its own broker child processes. `pnpm fault-suite
 * --only=corruption` runs every case; MINI_KAFKA_TEST_SEED replays the damage.
 */
import { testSeed } from '@mini-kafka/testing';
import { describe, expect, it } from 'vitest';
import { DEFECTS } from './corruption-defects.js';
import { CORRUPTION_CASES, formatCorruptionSummary, runCorruptionMatrix } from './corruption-matrix.js';
import { corruptionLine } from './reliability-section.js';

const SEED = testSeed();

describe(`corruption matrix (seed ${SEED})`, () => {
  it('serves every damaged partition without a silent skip, and says what it lost', async () => {
    const summary = await runCorruptionMatrix({ seed: SEED, quick: true, log: (line) => console.log(line) });
    console.log(formatCorruptionSummary(summary));
    const failures = summary.cases.flatMap((result) => [
      ...(result.crashed === undefined ? [] : [`${result.id}: ${result.crashed}`]),
      ...result.checks
        .filter((check) => check.status === 'fail' || check.status === 'stale')
        .map((check) => `${result.id} ${check.check} (${check.status}): ${check.detail}`),
    ]);
    expect(failures, `seed ${SEED}`).toEqual([]);
    expect(summary.cases.map((result) => result.id)).toEqual(CORRUPTION_CASES.filter((c) => c.quick).map((c) => c.id));
    // What a user relies on, whatever the known defects: no offset skipped, no record served different.
    expect(summary.reads).toMatchObject({ skipped: 0, wrong: 0, other: 0 });
    expect(summary.reads.errors).toBeGreaterThan(0);
    // The README's figures say so.
    expect(corruptionLine(summary)).toContain(`${summary.cases.length} cases`);
    expect(corruptionLine(summary)).toContain('**0 skipped**, 0 wrong');
  }, 240_000);

  it('names each case once, its known defects from the list, with clean and unclean stops', () => {
    const ids = CORRUPTION_CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const testCase of CORRUPTION_CASES) {
      expect(testCase.id.endsWith(`-${testCase.stop}`), testCase.id).toBe(true);
      for (const defect of Object.keys(testCase.knownDefects ?? {}))
        expect(DEFECTS, testCase.id).toHaveProperty([defect]);
    }
    const stops = new Set(CORRUPTION_CASES.filter((c) => c.id.startsWith('tail-crc-flip')).map((c) => c.stop));
    expect([...stops].sort()).toEqual(['clean', 'unclean']);
  });
});
