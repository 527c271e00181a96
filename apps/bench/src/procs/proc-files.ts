/**
 * Reading a Linux process's resident memory and CPU time from /proc. The parsers are pure
 * (given the files' text); the readers return undefined once the process is gone.
 * - /proc/<pid>/status: `VmRSS:` (resident now) and `VmHWM:` (peak resident), in kB.
 * - /proc/<pid>/stat: utime and stime, fields 14 and 15, in clock ticks; the command name
 *   (field 2) is in parentheses and may itself contain spaces and parentheses.
 * - Writing "5" to /proc/<pid>/clear_refs resets VmHWM to the current RSS (Linux 4.0+), so
 *   each phase of a scenario gets its own peak.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

export interface MemoryFigures {
  rssBytes: number;
  peakRssBytes: number;
}

export function parseStatus(text: string): MemoryFigures | undefined {
  const kb = (name: string): number | undefined => {
    const match = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : undefined;
  };
  const rss = kb('VmRSS');
  if (rss === undefined) return undefined;
  return { rssBytes: rss, peakRssBytes: kb('VmHWM') ?? rss };
}

/** utime + stime in clock ticks. */
export function parseStatTicks(text: string): number | undefined {
  const afterName = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // afterName[0] is field 3 (state), so field n is afterName[n - 3].
  const utime = Number(afterName[11]);
  const stime = Number(afterName[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : undefined;
}

let ticksPerSecond: number | undefined;

export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

export function readMemory(pid: number): MemoryFigures | undefined {
  try {
    return parseStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

export function readCpuSeconds(pid: number): number | undefined {
  try {
    const ticks = parseStatTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return ticks === undefined ? undefined : ticks / clockTicksPerSecond();
  } catch {
    return undefined;
  }
}

/** Resets the process's peak RSS to its current RSS; false when the kernel refused. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
