import { describe, expect, it } from 'vitest';
import { readStamp, stampValue } from './latency.js';

describe('latency stamps', () => {
  it('fill the value to its size and read back', () => {
    const value = stampValue(true, 12_345.6789, 100);
    expect(value).toHaveLength(100);
    expect(readStamp(value)).toEqual({ measured: true, sentAt: 12_345.679 });
    expect(readStamp(stampValue(false, 1, 100)).measured).toBe(false);
  });
});
