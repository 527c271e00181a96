/**
 * The JSON file of a run (bench-results/<timestamp>.json): what ran, where, every round of
 * every metric with its median and max, the table, the targets and the other figures as
 * printed. Figures that were not measured are null. `schema` changes when the shape does.
 */
import type { Machine } from '../core/machine.js';
import type { RunPlan } from '../core/plan.js';
import { type Results, type ScenarioOutcome, type Unit, unitOf } from '../core/results.js';
import type { TargetResult } from './targets.js';
import type { RowFigures } from './throughput.js';

export const RUN_SCHEMA = 'mini-kafka-bench/1';

export interface MetricJson {
  unit: Unit;
  rounds: (number | null)[];
  median: number | null;
  max: number | null;
}

export interface RowJson {
  id: string;
  system: string;
  how: string;
  miniKafka: boolean;
  produceRecordsPerSecond: number | null;
  consumeRecordsPerSecond: number | null;
  serverPeakRssBytes: number | null;
  serverCpuSecondsProduce: number | null;
  serverCpuSecondsConsume: number | null;
  counterpart: string | null;
  /** Counterpart ÷ this row. */
  produceRatio: number | null;
  consumeRatio: number | null;
}

export interface RunJson {
  schema: typeof RUN_SCHEMA;
  command: string;
  /** The commit measured. */
  revision: string;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  quick: boolean;
  plan: RunPlan;
  machine: Machine;
  tools: Record<string, string>;
  scenarios: ScenarioOutcome[];
  table: RowJson[];
  targets: TargetResult[];
  otherFigures: { figure: string; value: string }[];
  metrics: Record<string, MetricJson>;
}

export interface RunJsonInput {
  command: string;
  revision: string;
  startedAt: Date;
  finishedAt: Date;
  plan: RunPlan;
  machine: Machine;
  tools: Record<string, string>;
  results: Results;
  rows: RowFigures[];
  targets: TargetResult[];
  otherFigures: [string, string][];
}

const num = (value: number): number | null => (Number.isFinite(value) ? value : null);

export function buildRunJson(input: RunJsonInput): RunJson {
  const { results } = input;
  const metrics: Record<string, MetricJson> = {};
  for (const key of results.keys().sort()) {
    metrics[key] = {
      unit: unitOf(key),
      rounds: results.values(key).map(num),
      median: num(results.median(key)),
      max: num(results.max(key)),
    };
  }
  return {
    schema: RUN_SCHEMA,
    command: input.command,
    revision: input.revision,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    durationSeconds: Math.round((input.finishedAt.getTime() - input.startedAt.getTime()) / 1000),
    quick: input.plan.quick,
    plan: input.plan,
    machine: input.machine,
    tools: input.tools,
    scenarios: results.outcomes,
    table: input.rows.map((row) => ({
      id: row.spec.id,
      system: row.spec.system,
      how: row.spec.how,
      miniKafka: row.spec.mini,
      produceRecordsPerSecond: num(row.produce),
      consumeRecordsPerSecond: num(row.consume),
      serverPeakRssBytes: num(row.peakRssBytes),
      serverCpuSecondsProduce: num(row.produceCpu),
      serverCpuSecondsConsume: num(row.consumeCpu),
      counterpart: row.spec.counterpart ?? null,
      produceRatio: num(row.produceRatio),
      consumeRatio: num(row.consumeRatio),
    })),
    targets: input.targets,
    otherFigures: input.otherFigures.map(([figure, value]) => ({ figure, value })),
    metrics,
  };
}

/**
 * The file name of a run: its start in ISO 8601 basic format (no colons), then `-quick` for
 * a quick run and `-partial` for one of some scenarios only (git ignores both).
 */
export function runFileStem(startedAt: Date, kind: { quick: boolean; partial: boolean }): string {
  const iso = startedAt
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll('-', '')
    .replaceAll(':', '');
  return `${iso}${kind.quick ? '-quick' : ''}${kind.partial ? '-partial' : ''}`;
}
