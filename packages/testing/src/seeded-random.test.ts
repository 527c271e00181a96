import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random.js';
import { TEST_SEED_VARIABLE, testSeed } from './test-seed.js';

describe('SeededRandom', () => {
  it('replays the same stream from the same seed, and another from another seed', () => {
    const draw = (seed: number) => {
      const random = new SeededRandom(seed);
      return [random.uint32(), random.int(100), random.int(7), ...random.bytes(5)];
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(2 ** 40)).not.toEqual(draw(0));
  });

  it('derives independent streams by label, from the seed alone', () => {
    const a = SeededRandom.derive(7, 'kill-200').uint32();
    expect(SeededRandom.derive(7, 'kill-200').uint32()).toBe(a);
    expect(SeededRandom.derive(7, 'kill-700').uint32()).not.toBe(a);
    expect(SeededRandom.derive(8, 'kill-200').uint32()).not.toBe(a);
  });

  it('keeps int() within its bound and reaches all of a small range', () => {
    const random = new SeededRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const value = random.int(10);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(10);
      seen.add(value);
    }
    expect(seen.size).toBe(10);
  });
});

describe('testSeed', () => {
  it(`reads ${TEST_SEED_VARIABLE}, and refuses what is not an integer`, () => {
    expect(testSeed({ [TEST_SEED_VARIABLE]: '12345' })).toBe(12345);
    expect(testSeed({ [TEST_SEED_VARIABLE]: ' -3 ' })).toBe(-3);
    expect(() => testSeed({ [TEST_SEED_VARIABLE]: 'abc' })).toThrow(TEST_SEED_VARIABLE);
    expect(() => testSeed({ [TEST_SEED_VARIABLE]: '1.5' })).toThrow(TEST_SEED_VARIABLE);
  });

  it('draws one seed per process when the variable is unset or empty, the same for every caller', () => {
    const seed = testSeed({});
    expect(Number.isSafeInteger(seed)).toBe(true);
    expect(seed).toBeGreaterThanOrEqual(0);
    expect(testSeed({ [TEST_SEED_VARIABLE]: '' })).toBe(seed);
  });
});
