/**
 * One timed phase of a scenario: the server processes' peak RSS and CPU seconds and the
 * harness's own CPU seconds (the clients that run in it) around a body that does the work
 * and says how many records it moved in how many seconds. Records, under `key`:
 * `.rate` (records/s), `.rss` and `.cpu` (the server's), `.client.cpu` (the harness's, when
 * the client runs in it).
 */
import { harnessCpuSeconds, ProcessMeter } from '../procs/process-meter.js';
import type { ScenarioContext } from './scenario.js';

export interface Timed {
  records: number;
  seconds: number;
}

export interface PhaseOptions {
  /** Metric key prefix, e.g. "redis.produce". */
  key: string;
  /** Progress-bar label. */
  label: string;
  /** Units this phase adds to the bar. */
  units: number;
  /** The server's PID, when there is a server. */
  serverPid?: number;
  /** The client is another process (kcat, redis-benchmark): the harness's CPU is not its CPU. */
  externalClient?: boolean;
}

export async function measure(
  ctx: ScenarioContext,
  options: PhaseOptions,
  body: (progress: (done: number) => void) => Promise<Timed>,
): Promise<Timed> {
  ctx.bar.startPhase(options.label, options.units);
  const meter = options.serverPid === undefined ? undefined : new ProcessMeter(options.serverPid);
  meter?.start();
  const cpu = process.cpuUsage();
  const timed = await body((done) => ctx.bar.update(done));
  const client = harnessCpuSeconds(cpu);
  const usage = meter?.stop();
  ctx.results.record(`${options.key}.rate`, timed.records / timed.seconds);
  if (!options.externalClient) ctx.results.record(`${options.key}.client.cpu`, client);
  if (usage !== undefined) {
    ctx.results.record(`${options.key}.rss`, usage.peakRssBytes);
    ctx.results.record(`${options.key}.cpu`, usage.cpuSeconds);
  }
  return timed;
}

/**
 * A promise awaited later (a commit or an ack sent without waiting): marked handled now, so
 * a failure does not end the process before the code that awaits it sees it.
 */
export function later<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Seconds since `start` (a performance.now() reading). */
export function since(start: number): number {
  return (performance.now() - start) / 1000;
}

/**
 * A consumer's clock: the consume rate runs from the first records received to the last,
 * so joining a group (and a client's start-up) is not counted as consuming; the records of
 * the first delivery are left out of the count accordingly.
 */
export class ConsumeClock {
  private first = 0;
  private firstRecords = 0;
  private last = 0;
  received = 0;
  readonly created = performance.now();

  add(records: number): void {
    if (records <= 0) return;
    const now = performance.now();
    if (this.received === 0) {
      this.first = now;
      this.firstRecords = records;
    }
    this.received += records;
    this.last = now;
  }

  /** Records after the first delivery, and the seconds they took. */
  timed(): Timed {
    return { records: this.received - this.firstRecords, seconds: (this.last - this.first) / 1000 };
  }

  /** From creation to the first records, in ms (joining, start-up). */
  firstDelayMs(): number {
    return this.first - this.created;
  }
}
