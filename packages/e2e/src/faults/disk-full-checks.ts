/**
 * The book-keeping of a disk-full run: its summary being filled in, the refusals, the
 * per-topic ledgers and the live topics, and the check that holds every live topic against
 * its ledger (crash-verify.ts: each acknowledged record at its offset byte for byte, no gaps,
 * nothing stored that was not sent, no idempotent duplicate, committed offsets at or past
 * the last acknowledged commit).
 */
import type { TopicSpec } from './crash-verify.js';
import { verifyBroker } from './crash-verify.js';
import type { OfflinePartition } from './disk-full-broker.js';
import { DiskLedgers } from './disk-full-ledgers.js';
import { Refusals } from './disk-full-refusals.js';
import { type DiskFullSummary, FREE_METHODS } from './disk-full-summary.js';
import { IDEMPOTENT_KINDS, RECORD_KINDS } from './ledger.js';

const zero = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

export class DiskChecks {
  readonly refusals = new Refusals();
  readonly ledgers = new DiskLedgers();
  /** The topics that exist, by name. */
  readonly specs = new Map<string, TopicSpec>();
  readonly summary: DiskFullSummary;
  private readonly started = Date.now();

  constructor(seed: number, diskBytes: number, cycles: number) {
    this.summary = {
      ...{ seed, diskBytes, cycles, cyclesRun: 0, fills: 0, refusals: this.refusals.counts, unclean: 0 },
      ...{ acknowledged: zero(RECORD_KINDS), recordsChecked: 0, uncheckedAtDrop: 0 },
      ...{ losses: 0, gaps: 0, corrupt: 0, duplicates: zero(RECORD_KINDS), storedUnacknowledged: 0 },
      ...{ commitsAcknowledged: {}, commitsChecked: 0, commitsBehind: 0 },
      ...{ frees: zero(FREE_METHODS), freedBytes: 0, kills: 0, restartsOnFullDisk: 0 },
      ...{ offlineAfterRestart: 0, stillOfflineAfterFree: 0, reopenRestarts: 0, deleteRecordsRefusedWhenFull: 0 },
      ...{ startRefusedOnFullDisk: 0 },
      ...{ recoveriesWithoutRestart: 0, retriedThroughFree: 0, cut: 0, consumed: { http: 0, kafkajs: 0 } },
      ...{ seconds: 0, problems: [] },
    };
  }

  /** The summary of a run that could not happen, saying why. */
  skipped(reason: string): DiskFullSummary {
    return { ...this.summary, skipped: reason };
  }

  /** A topic deleted: its ledger and its spec go. */
  forget(topic: string): void {
    this.ledgers.drop(topic);
    this.specs.delete(topic);
  }

  /** Reads every live topic back (but those with a partition in `offline`) and holds it against its ledger. */
  async verifyAll(url: string, when: string, offline: readonly OfflinePartition[] = []): Promise<void> {
    const { summary } = this;
    for (const topic of this.ledgers.topics()) {
      if (offline.some((partition) => partition.topic === topic)) continue;
      const ledger = this.ledgers.of(topic);
      const acks = ledger.acks.length;
      const found = await verifyBroker(url, [this.specs.get(topic)!], ledger);
      this.ledgers.markChecked(topic, acks);
      summary.recordsChecked += found.acknowledgedChecked;
      summary.losses += found.losses;
      summary.gaps += found.gaps;
      summary.corrupt += found.corrupt;
      summary.commitsChecked += found.commitsChecked;
      summary.commitsBehind += found.commitsBehind;
      summary.storedUnacknowledged += found.storedUnacknowledged;
      for (const kind of RECORD_KINDS) summary.duplicates[kind] += found.duplicates[kind];
      for (const text of found.problems) this.refusals.problem(`${when}: ${text}`);
    }
  }

  /** Times the phases of a cycle: `phase(name)` ends one, `done()` lists them. */
  cycleTimer(): { phase(name: string): void; done(): string } {
    const started = Date.now();
    let last = started;
    const phases: string[] = [];
    return {
      phase(name) {
        phases.push(`${name} ${((Date.now() - last) / 1000).toFixed(1)} s`);
        last = Date.now();
      },
      done: () => `${((Date.now() - started) / 1000).toFixed(1)} s (${phases.join(', ')})`,
    };
  }

  finish(rest: Pick<DiskFullSummary, 'cut' | 'consumed'>): DiskFullSummary {
    const { summary, refusals, ledgers } = this;
    for (const kind of IDEMPOTENT_KINDS) {
      if (summary.duplicates[kind] > 0)
        refusals.problem(`${kind} records stored more than once: ${summary.duplicates[kind]}`);
    }
    return {
      ...summary,
      ...rest,
      unclean: refusals.unclean,
      problems: refusals.problems,
      acknowledged: ledgers.ackedByKind(),
      commitsAcknowledged: ledgers.commitsByGroup(),
      uncheckedAtDrop: ledgers.uncheckedAtDrop,
      seconds: Math.round((Date.now() - this.started) / 1000),
    };
  }
}
