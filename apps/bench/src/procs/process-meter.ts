/**
 * Peak RSS and CPU seconds of one process over one phase of a scenario. `start()` resets
 * the kernel's peak-RSS mark and notes the CPU time; a sampler also polls RSS every 50 ms,
 * as a fallback where the mark cannot be reset. `stop()` gives the larger of the two peaks
 * and the CPU seconds spent in between (to the last sample, if the process is gone by then).
 */
import { readCpuSeconds, readMemory, resetPeakRss } from './proc-files.js';

export interface ProcessUsage {
  peakRssBytes: number;
  cpuSeconds: number;
}

const SAMPLE_MS = 50;

export class ProcessMeter {
  private cpuAtStart = 0;
  private lastCpu = 0;
  private sampledPeak = 0;
  private markReset = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly pid: number) {}

  start(): void {
    this.markReset = resetPeakRss(this.pid);
    this.cpuAtStart = readCpuSeconds(this.pid) ?? 0;
    this.lastCpu = this.cpuAtStart;
    this.sampledPeak = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  stop(): ProcessUsage {
    clearInterval(this.timer);
    this.timer = undefined;
    const markPeak = this.markReset ? (readMemory(this.pid)?.peakRssBytes ?? 0) : 0;
    this.sample();
    return { peakRssBytes: Math.max(markPeak, this.sampledPeak), cpuSeconds: this.lastCpu - this.cpuAtStart };
  }

  private sample(): void {
    const memory = readMemory(this.pid);
    if (memory !== undefined) this.sampledPeak = Math.max(this.sampledPeak, memory.rssBytes);
    const cpu = readCpuSeconds(this.pid);
    if (cpu !== undefined) this.lastCpu = cpu;
  }
}

/** CPU seconds of this process (the harness: the clients that run inside it) since `since`. */
export function harnessCpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}
