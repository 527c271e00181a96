/**
 * The short disk-full run of `pnpm test`: a broker child process on a 4 MiB tmpfs, filled by
 * mixed HTTP and kafkajs load four times and freed each way once (DELETE /v1/topics, a file
 * outside the broker deleted, Kafka DeleteRecords, Kafka DeleteTopics); in the second and the
 * fourth a SIGKILL on the full disk that leaves an interrupted write (in a partition's log, in
 * the offsets log), and a start there. Every refusal
 * clean, nothing acknowledged lost, everything working again after each free without a
 * restart, a start on the full disk included. Skipped, saying why, where a tmpfs cannot be
 * mounted. `pnpm fault-suite --only=disk` runs more cycles
 * (MINI_KAFKA_DISK_CYCLES) on a bigger disk; MINI_KAFKA_TEST_SEED replays.
 */
import { testSeed } from '@mini-kafka/testing';
import { describe, expect, it } from 'vitest';
import { REFUSAL_KINDS } from './disk-full-refusals.js';
import { runDiskFull } from './disk-full-scenario.js';
import { type CyclePlan, formatDiskFullSummary } from './disk-full-summary.js';
import { RECORD_KINDS } from './ledger.js';

const SEED = testSeed();
const PLAN: CyclePlan[] = [
  { free: 'delete-topic-http', kill: false },
  { free: 'outside-file', kill: true, torn: 'partition' },
  { free: 'delete-records-kafka', kill: false },
  { free: 'delete-topic-kafka', kill: true, torn: 'offsets' },
];

describe(`disk full (seed ${SEED})`, () => {
  it('refuses cleanly, loses nothing acknowledged and works again once space comes back, without a restart', async (ctx) => {
    const summary = await runDiskFull({
      seed: SEED,
      cycles: PLAN.length,
      plan: PLAN,
      diskBytes: 4 * 1024 * 1024,
      log: (line) => console.log(line),
    });
    if (summary.skipped !== undefined) return ctx.skip(summary.skipped);
    console.log(formatDiskFullSummary(summary));
    expect(summary.problems, `seed ${SEED}`).toEqual([]);
    expect(summary.cyclesRun).toBe(PLAN.length);
    expect(summary).toMatchObject({
      fills: 4,
      unclean: 0,
      losses: 0,
      gaps: 0,
      corrupt: 0,
      commitsBehind: 0,
      uncheckedAtDrop: 0,
    });
    expect(summary.duplicates['kafkajs-idempotent']).toBe(0);
    // Each free brought everything back without a restart, the starts on the full disk included.
    expect(summary.recoveriesWithoutRestart).toBe(PLAN.length);
    expect(summary).toMatchObject({ reopenRestarts: 0, startRefusedOnFullDisk: 0, deleteRecordsRefusedWhenFull: 0 });
    expect(summary.retriedThroughFree).toBe(PLAN.length);
    expect(summary).toMatchObject({ kills: 2, restartsOnFullDisk: 2 });
    // Every kind of write was refused at least once (a new idempotent producer only when it had
    // to write; an offline partition only after a start that could not open one).
    for (const kind of REFUSAL_KINDS) {
      if (kind !== 'init-producer-id' && kind !== 'offline-partition')
        expect(summary.refusals[kind], kind).toBeGreaterThan(0);
    }
    for (const kind of RECORD_KINDS) expect(summary.acknowledged[kind], kind).toBeGreaterThan(0);
    expect(summary.recordsChecked).toBeGreaterThan(0);
  }, 180_000);
});
