/**
 * What the disk-full scenario sent and the broker acknowledged, one crash-harness Ledger
 * (ledger.ts) per topic: the scenario deletes topics (and records) to free the disk, and a
 * deleted topic's acknowledgements leave with it, while every other topic's are still held
 * against the log byte for byte (crash-verify.ts, one topic at a time). A topic is dropped
 * only after a check has seen every record it acknowledged, so no acknowledgement escapes
 * the check; `uncheckedAtDrop` counts the ones that would have (must stay 0).
 */
import { Ledger, RECORD_KINDS, type RecordKind } from './ledger.js';

export class DiskLedgers {
  private readonly ledgers = new Map<string, Ledger>();
  /** Acknowledgements checked by the last check of each live topic. */
  private readonly checked = new Map<string, number>();
  private readonly droppedAcks = Object.fromEntries(RECORD_KINDS.map((kind) => [kind, 0])) as Record<
    RecordKind,
    number
  >;
  private readonly droppedCommits: Record<string, number> = {};
  uncheckedAtDrop = 0;

  /** The ledger of `topic`, new when the topic has none (yet, or since it was dropped). */
  of(topic: string): Ledger {
    let ledger = this.ledgers.get(topic);
    if (ledger === undefined) {
      ledger = new Ledger();
      this.ledgers.set(topic, ledger);
    }
    return ledger;
  }

  topics(): string[] {
    return [...this.ledgers.keys()];
  }

  /** A check of `topic` saw its first `count` acknowledgements. */
  markChecked(topic: string, count: number): void {
    this.checked.set(topic, count);
  }

  /** Forgets `topic` (deleted, or all its records deleted), keeping its counts for the summary. */
  drop(topic: string): void {
    const ledger = this.ledgers.get(topic);
    if (ledger === undefined) return;
    this.uncheckedAtDrop += Math.max(0, ledger.acks.length - (this.checked.get(topic) ?? 0));
    for (const [kind, n] of Object.entries(ledger.ackedByKind())) this.droppedAcks[kind as RecordKind] += n;
    for (const [group, n] of Object.entries(ledger.commitAcks)) {
      this.droppedCommits[group] = (this.droppedCommits[group] ?? 0) + n;
    }
    this.ledgers.delete(topic);
    this.checked.delete(topic);
  }

  /** Acknowledged records over the whole run, dropped topics included, by producer kind. */
  ackedByKind(): Record<RecordKind, number> {
    const counts = { ...this.droppedAcks };
    for (const ledger of this.ledgers.values()) {
      for (const [kind, n] of Object.entries(ledger.ackedByKind())) counts[kind as RecordKind] += n;
    }
    return counts;
  }

  /** Acknowledged commits over the whole run, by group (each partition counted). */
  commitsByGroup(): Record<string, number> {
    const counts = { ...this.droppedCommits };
    for (const ledger of this.ledgers.values()) {
      for (const [group, n] of Object.entries(ledger.commitAcks)) counts[group] = (counts[group] ?? 0) + n;
    }
    return counts;
  }
}
