/**
 * The seed of this test run: MINI_KAFKA_TEST_SEED when set (a 32-bit integer), else one
 * drawn at start and kept for the whole process, so every randomized test in a file shares
 * it and a failure names it (see vitest.setup.ts).
 */
const drawn = Math.floor(Math.random() * 0x7fffffff);

export function testSeed(): number {
  const given = process.env.MINI_KAFKA_TEST_SEED;
  if (given === undefined || given === '') return drawn;
  const seed = Number(given);
  if (!Number.isSafeInteger(seed) || seed < -0x80000000 || seed > 0x7fffffff) {
    throw new Error(`MINI_KAFKA_TEST_SEED must be a 32-bit integer, got "${given.slice(0, 40)}"`);
  }
  return seed;
}
