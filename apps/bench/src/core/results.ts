/**
 * What a run measured: each metric's value in every round, under a key whose suffix says
 * its unit (`.rate` records/s, `.ms` milliseconds, `.rss` bytes, `.cpu` CPU seconds,
 * `.ratio` a plain ratio, `.count` a count), and each scenario's outcome. Scenarios record
 * here; the reports read the medians (and, for limits, the maxima) from here.
 */
import { maximum, median } from './stats.js';

export type Unit = 'rec/s' | 'ms' | 'bytes' | 'cpu-s' | 'ratio' | 'count';

const UNITS: Record<string, Unit> = {
  rate: 'rec/s',
  ms: 'ms',
  rss: 'bytes',
  cpu: 'cpu-s',
  ratio: 'ratio',
  count: 'count',
};

/** The unit a metric key names with its last dotted part. */
export function unitOf(key: string): Unit {
  const suffix = key.slice(key.lastIndexOf('.') + 1);
  const unit = UNITS[suffix];
  if (unit === undefined)
    throw new Error(`metric key "${key}" does not end in a unit (${Object.keys(UNITS).join(', ')})`);
  return unit;
}

export type ScenarioStatus = 'ok' | 'skipped' | 'failed';

export interface ScenarioOutcome {
  id: string;
  title: string;
  status: ScenarioStatus;
  /** Why it was skipped or failed. */
  reason?: string;
  seconds: number;
  /** Anything a reader of the figures should know (duplicates delivered, a capped read, ...). */
  notes: string[];
}

export class Results {
  private readonly metrics = new Map<string, number[]>();
  readonly outcomes: ScenarioOutcome[] = [];

  record(key: string, value: number): void {
    unitOf(key);
    const values = this.metrics.get(key);
    if (values === undefined) this.metrics.set(key, [value]);
    else values.push(value);
  }

  values(key: string): number[] {
    return [...(this.metrics.get(key) ?? [])];
  }

  median(key: string): number {
    return median(this.values(key));
  }

  max(key: string): number {
    return maximum(this.values(key));
  }

  keys(): string[] {
    return [...this.metrics.keys()];
  }

  outcome(id: string): ScenarioOutcome | undefined {
    return this.outcomes.find((outcome) => outcome.id === id);
  }
}
