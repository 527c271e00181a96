/**
 * Every test file runs this first: it makes property tests replayable. fast-check draws
 * from one seed per run: MINI_KAFKA_TEST_SEED when set, else a fresh one. A failing test
 * prints the seed, so `MINI_KAFKA_TEST_SEED=<seed> pnpm test` replays it exactly (fast-check's
 * own report adds the path of the shrunk counterexample). Other randomized tests (the
 * storage crash test) read the same variable through `testSeed()`.
 */
import fc from 'fast-check';
import { afterEach } from 'vitest';
import { testSeed } from './vitest.seed.js';

const seed = testSeed();
fc.configureGlobal({ seed });

afterEach((context) => {
  if (context.task.result?.state === 'fail') {
    console.error(`Replay "${context.task.name}" with MINI_KAFKA_TEST_SEED=${seed}`);
  }
});
