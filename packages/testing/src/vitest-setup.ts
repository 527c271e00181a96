/**
 * Every test file of every package runs this first (vitest.shared.ts names it): it makes
 * property tests replayable. fast-check draws from the run's seed (`testSeed()`:
 * MINI_KAFKA_TEST_SEED when set, else a fresh one), and a failing test prints it, so
 * `MINI_KAFKA_TEST_SEED=<seed> pnpm test` replays the run exactly (fast-check's own report
 * adds the path of the shrunk counterexample). Seeded tests of their own (the storage
 * crash test) use the same seed through `testSeed()` and `SeededRandom`.
 */
import fc from 'fast-check';
import { afterEach } from 'vitest';
import { testSeed } from './test-seed.js';

const seed = testSeed();
// fast-check takes a 32-bit seed; the replayed variable folds to the same one.
fc.configureGlobal({ seed: seed | 0 });

afterEach((context) => {
  if (context.task.result?.state === 'fail') {
    console.error(`Replay "${context.task.name}" with MINI_KAFKA_TEST_SEED=${seed}`);
  }
});
