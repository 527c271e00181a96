/**
 * The seed of a test run: MINI_KAFKA_TEST_SEED when it is set (an integer), else one drawn
 * once per process, so fast-check (see vitest-setup.ts) and the seeded tests of one test
 * file share it. A failing test prints it, and `MINI_KAFKA_TEST_SEED=<seed> pnpm test` (or
 * `npx vitest run <file>` in the package) replays the run.
 */
import { randomInt } from 'node:crypto';

export const TEST_SEED_VARIABLE = 'MINI_KAFKA_TEST_SEED';

const drawn = randomInt(0x7fffffff);

/** The seed of this run: the variable's integer, or this process's drawn seed. */
export function testSeed(env: NodeJS.ProcessEnv = process.env): number {
  const text = env[TEST_SEED_VARIABLE]?.trim();
  if (text === undefined || text === '') return drawn;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`${TEST_SEED_VARIABLE} must be an integer`);
  return seed;
}
