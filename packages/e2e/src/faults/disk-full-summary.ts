/**
 * The figures of a disk-full run and how they print: fills, refusals by kind, records
 * acknowledged and checked, losses, recoveries without a restart, the ways space came back.
 * Also the plan of a run: which way each cycle frees the disk and whether it kills the broker.
 */
import { SeededRandom } from '@mini-kafka/testing';
import { REFUSAL_KINDS, type RefusalKind } from './disk-full-refusals.js';
import type { RecordKind } from './ledger.js';

/** The ways space comes back: deleting the fill topic (HTTP, Kafka DeleteTopics), its records (Kafka DeleteRecords), or a file outside the broker. */
export const FREE_METHODS = [
  'delete-topic-http',
  'delete-topic-kafka',
  'delete-records-kafka',
  'outside-file',
] as const;
export type FreeMethod = (typeof FREE_METHODS)[number];

export interface CyclePlan {
  free: FreeMethod;
  /** SIGKILL the broker while the disk is full and start it again on the same directory. */
  kill: boolean;
  /** With the kill, an interrupted write left at the end of a fill partition's log, or of the offsets log. */
  torn?: 'partition' | 'offsets';
}

/**
 * Each block of four cycles frees the disk each way once, in a seeded order, and kills the
 * broker in one of them; when that one frees by another program's file, the kill also leaves
 * an interrupted write at the end of a fill partition, when by DeleteRecords, at the end of the
 * offsets log.
 */
export function planCycles(cycles: number, seed: number): CyclePlan[] {
  const random = SeededRandom.derive(seed, 'disk-full-plan');
  const plan: CyclePlan[] = [];
  while (plan.length < cycles) {
    const order = [...FREE_METHODS];
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const kill = random.int(order.length);
    const torn = (free: FreeMethod): CyclePlan['torn'] =>
      free === 'outside-file' ? 'partition' : free === 'delete-records-kafka' ? 'offsets' : undefined;
    plan.push(...order.map((free, i) => (i === kill ? { free, kill: true, torn: torn(free) } : { free, kill: false })));
  }
  return plan.slice(0, cycles);
}

export interface DiskFullSummary {
  seed: number;
  /** Why the run did not happen (no tmpfs could be mounted), when it did not. */
  skipped?: string;
  diskBytes: number;
  cycles: number;
  cyclesRun: number;
  /** Cycles whose load filled the disk until every producer was refused. */
  fills: number;
  refusals: Record<RefusalKind, number>;
  /** Answers on a full disk that were not a clean refusal (must stay 0; each is in `problems`). */
  unclean: number;
  acknowledged: Record<RecordKind, number>;
  /** Acknowledged records checked at their offsets, over all checks. */
  recordsChecked: number;
  /** Acknowledged records of a deleted topic that no check had seen before it went (must stay 0). */
  uncheckedAtDrop: number;
  losses: number;
  gaps: number;
  corrupt: number;
  duplicates: Record<RecordKind, number>;
  storedUnacknowledged: number;
  commitsAcknowledged: Record<string, number>;
  commitsChecked: number;
  commitsBehind: number;
  frees: Record<FreeMethod, number>;
  /** Bytes each free gave back, summed. */
  freedBytes: number;
  /** Kills on a full disk, and restarts that came up on it. */
  kills: number;
  restartsOnFullDisk: number;
  /** Partitions a start on the full disk could not open (offline), over all such starts. */
  offlineAfterRestart: number;
  /** Of those, the ones still offline once space came back (offline until a restart, by design). */
  stillOfflineAfterFree: number;
  /** Clean restarts made to open them again. */
  reopenRestarts: number;
  /** Starts on the full disk that failed (a known limit: they succeed once space is freed), and how the last one failed. */
  startRefusedOnFullDisk: number;
  startRefusal?: string;
  /** DeleteRecords refused on the full disk (a known limit), and how it was refused the last time. */
  deleteRecordsRefusedWhenFull: number;
  deleteRecordsRefusal?: string;
  /** Frees after which everything worked again with no restart. */
  recoveriesWithoutRestart: number;
  /** kafkajs sends refused on the full disk that went through by retrying once space came back. */
  retriedThroughFree: number;
  /** Operations cut by a kill (expected). */
  cut: number;
  consumed: { http: number; kafkajs: number };
  seconds: number;
  problems: string[];
}

const n = (value: number): string => value.toLocaleString('en-US');
const byKind = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([kind, count]) => `${kind} ${n(count)}`)
    .join(', ');
const sum = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((total, count) => total + count, 0);

export function formatDiskFullSummary(s: DiskFullSummary): string {
  if (s.skipped !== undefined) return `disk full (seed ${s.seed}): skipped: ${s.skipped}`;
  const refusals = REFUSAL_KINDS.map((kind) => `${kind} ${n(s.refusals[kind])}`).join(', ');
  return [
    `disk full (seed ${s.seed}): ${s.cyclesRun} of ${s.cycles} cycles on a ${n(s.diskBytes / 1024)} KiB tmpfs, ` +
      `${s.fills} fills, ${n(sum(s.refusals))} clean refusals, ${s.unclean} unclean; ` +
      `${n(sum(s.acknowledged))} records acknowledged, ${n(s.recordsChecked)} checked, lost=${s.losses}, ` +
      `${s.gaps} gaps, ${s.corrupt} corrupt; ${s.recoveriesWithoutRestart} recoveries without restart; in ${s.seconds} s`,
    `  refusals: ${refusals}`,
    `  acknowledged: ${byKind(s.acknowledged)}; duplicates: ${byKind(s.duplicates)}; ` +
      `stored but never acknowledged: ${n(s.storedUnacknowledged)}; unchecked when deleted: ${s.uncheckedAtDrop}`,
    `  commits acknowledged: ${byKind(s.commitsAcknowledged)}; ${n(s.commitsChecked)} checked, ${s.commitsBehind} behind; ` +
      `consumed: HTTP member ${n(s.consumed.http)}, kafkajs group ${n(s.consumed.kafkajs)}`,
    `  space back by: ${byKind(s.frees)} (${n(Math.round(s.freedBytes / 1024))} KiB in all); ` +
      `${s.kills} SIGKILLs on a full disk, ${s.restartsOnFullDisk} starts on it, ${s.offlineAfterRestart} partitions ` +
      `offline after them, ${s.stillOfflineAfterFree} still offline with space back, ${s.reopenRestarts} restarts to open them; ` +
      `${s.retriedThroughFree} kafkajs sends retried through; ${n(s.cut)} operations cut by kills`,
    ...(s.startRefusedOnFullDisk > 0
      ? [`  starts on the full disk that failed: ${s.startRefusedOnFullDisk} (the last: ${s.startRefusal})`]
      : []),
    ...(s.deleteRecordsRefusedWhenFull > 0
      ? [`  DeleteRecords refused on the full disk ${s.deleteRecordsRefusedWhenFull} times: ${s.deleteRecordsRefusal}`]
      : []),
  ].join('\n');
}

/** The figures of a run as one line of the README's Reliability section (`pnpm fault-suite --write-readme`). */
export function renderDiskFigures(s: DiskFullSummary): string {
  if (s.skipped !== undefined) return `- **Disk full**: skipped (${s.skipped}).`;
  const r = s.refusals;
  const creates = r['v1-create'] + r['tutorial-create'] + r['auto-create'] + r['kafka-create'];
  const offline =
    s.offlineAfterRestart > 0
      ? `${s.offlineAfterRestart} partitions offline after them, ${s.reopenRestarts} restarts to open them`
      : 'no partition offline after them';
  return (
    `- **Disk full**: ${s.cyclesRun} cycles on a ${n(s.diskBytes / 1024 / 1024)} MiB tmpfs, ${s.fills} fills, ` +
    `${n(s.seconds)} s. ${n(sum(s.refusals))} refusals, ${s.unclean} unclean (produce: /v1 ${n(r['v1-produce'])}, ` +
    `tutorial ${n(r['tutorial-produce'])}, kafkajs ${n(r['kafkajs-produce'])}, kafkajs idempotent ` +
    `${n(r['kafkajs-idempotent-produce'])}; InitProducerId ${n(r['init-producer-id'])}; topic creation ${n(creates)}; ` +
    `commits: HTTP ${n(r['v1-commit'])}, kafkajs ${n(r['kafkajs-commit'])}). ${n(sum(s.acknowledged))} records ` +
    `acknowledged, ${n(s.recordsChecked)} checks of an acknowledged record at its offset: **${s.losses} lost**, ` +
    `${s.gaps} gaps, ${s.corrupt} corrupt. Space back by DELETE /v1/topics ${s.frees['delete-topic-http']}, ` +
    `DeleteTopics ${s.frees['delete-topic-kafka']}, DeleteRecords ${s.frees['delete-records-kafka']}, another ` +
    `program's file ${s.frees['outside-file']}: ${s.recoveriesWithoutRestart} recoveries without a restart, ` +
    `${s.retriedThroughFree} kafkajs sends retried through. ${s.kills} SIGKILLs on the full disk, ` +
    `${s.restartsOnFullDisk} starts on it (${s.startRefusedOnFullDisk} failed), ${offline}. DeleteRecords refused on the full disk: ` +
    `${s.deleteRecordsRefusedWhenFull} of ${s.frees['delete-records-kafka']}.`
  );
}
