/**
 * The short crash run of `pnpm test`: a few SIGKILL cycles of a broker child process under
 * the mixed load of crash-cycles.ts, every acknowledged record and commit checked after each
 * restart. `pnpm fault-suite` runs 50 (MINI_KAFKA_CRASH_CYCLES); MINI_KAFKA_TEST_SEED replays.
 */
import { testSeed } from '@mini-kafka/testing';
import { describe, expect, it } from 'vitest';
import { formatCrashSummary, runCrashCycles } from './crash-cycles.js';
import { IDEMPOTENT_KINDS, RECORD_KINDS } from './ledger.js';

const SEED = testSeed();
const CYCLES = 3;

describe(`crash cycles (seed ${SEED})`, () => {
  it(`loses no acknowledged record or commit across ${CYCLES} SIGKILLs under mixed load`, async () => {
    const summary = await runCrashCycles({ cycles: CYCLES, seed: SEED, log: (line) => console.log(line) });
    console.log(formatCrashSummary(summary));
    expect(summary.problems, `seed ${SEED}`).toEqual([]);
    expect(summary.cyclesRun).toBe(CYCLES);
    expect(summary.kills).toBe(CYCLES);
    expect(summary).toMatchObject({ losses: 0, gaps: 0, corrupt: 0, commitsBehind: 0, consumerMismatches: 0 });
    for (const kind of IDEMPOTENT_KINDS) expect(summary.duplicates[kind], kind).toBe(0);
    // The run checked something: every producer was acknowledged, both groups committed.
    for (const kind of RECORD_KINDS) expect(summary.acknowledged[kind], kind).toBeGreaterThan(0);
    expect(summary.recordsChecked).toBeGreaterThan(0);
    expect(Object.keys(summary.commitsAcknowledged).sort()).toEqual(['crash-http', 'crash-kafkajs']);
    expect(summary.commitsChecked).toBeGreaterThan(0);
  }, 180_000);
});
