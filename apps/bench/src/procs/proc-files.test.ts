import { describe, expect, it } from 'vitest';
import { parseStatTicks, parseStatus, readCpuSeconds, readMemory } from './proc-files.js';

describe('parseStatus', () => {
  it('reads VmRSS and VmHWM in bytes', () => {
    const text = 'Name:\tnode\nVmPeak:\t 999 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n';
    expect(parseStatus(text)).toEqual({ rssBytes: 102_400 * 1024, peakRssBytes: 204_800 * 1024 });
  });

  it('says nothing for a zombie without memory lines', () => {
    expect(parseStatus('Name:\tnode\nState:\tZ (zombie)\n')).toBeUndefined();
  });
});

describe('parseStatTicks', () => {
  it('adds utime and stime, even when the command name has spaces and parentheses', () => {
    const rest = 'S 1 2 3 4 5 6 7 8 9 10 150 25 0 0 20 0 11';
    expect(parseStatTicks(`1234 (node) ${rest}`)).toBe(175);
    expect(parseStatTicks(`1234 (my (odd) name) ${rest}`)).toBe(175);
  });

  it('says nothing for text that is not a stat line', () => {
    expect(parseStatTicks('garbage')).toBeUndefined();
  });
});

describe('readers', () => {
  it('read this process', () => {
    expect(readMemory(process.pid)?.rssBytes).toBeGreaterThan(1024 * 1024);
    expect(readCpuSeconds(process.pid)).toBeGreaterThan(0);
  });

  it('say nothing for a process that does not exist', () => {
    expect(readMemory(2 ** 22 + 1)).toBeUndefined();
    expect(readCpuSeconds(2 ** 22 + 1)).toBeUndefined();
  });
});
