import { describe, expect, it } from 'vitest';
import { formatMiB, formatMs, formatRate, formatRatio, formatSeconds, markdownTable } from './format.js';

describe('formatting', () => {
  it('prints figures, and "·" for what was not measured', () => {
    expect(formatRate(1_234_567.8)).toBe('1,234,568');
    expect(formatRatio(2.345)).toBe('2.35×');
    expect(formatRatio(12.34)).toBe('12.3×');
    expect(formatMs(7.25)).toBe('7.3 ms');
    expect(formatMs(1234.4)).toBe('1,234 ms');
    expect(formatMiB(200 * 1024 * 1024)).toBe('200 MiB');
    expect(formatSeconds(2.06)).toBe('2.1 s');
    for (const format of [formatRate, formatRatio, formatMs, formatMiB, formatSeconds]) {
      expect(format(Number.NaN)).toBe('·');
    }
  });

  it('makes markdown tables and escapes pipes', () => {
    expect(markdownTable(['a', 'b'], [['x|y', '1']], ['l', 'r'])).toBe('| a | b |\n| --- | ---: |\n| x\\|y | 1 |');
  });
});
