/**
 * What opening a LogOffsetStore found (`openReport`), and its damage as text: one line per
 * damaged range and one summary, for the broker's log at error level. The text names files,
 * byte counts, log offsets, groups, topics and partitions; never record bytes (commit
 * metadata is a client's payload).
 */
import type { DamageReason } from './offset-log-scan.js';

export type { DamageReason } from './offset-log-scan.js';

/** A group's partition, whose committed offset a damaged range may have held. */
export interface GroupPartition {
  groupId: string;
  topic: string;
  partition: number;
}

/** Bytes of the offsets log that could not be read, skipped when the store opened. */
export interface DamagedRange {
  /** The segment file. */
  file: string;
  /** Where the unreadable bytes start in it, and how many there are. */
  fromByte: number;
  bytes: number;
  /** Why the first batch there failed: `crc-mismatch`, `truncated`, `invalid-size`, ... */
  reason: DamageReason;
  /**
   * The log offsets lost, from the intact batches around the range: `last` is `null` when no
   * intact batch follows (everything from `first` on); `null` when the headers disagree.
   */
  offsets: { first: number; last: number | null } | null;
  /**
   * The partitions whose committed offset may now be older than the last one committed
   * (or back, for a lost deletion): the keys read from the damaged bytes, less those an intact
   * later record wrote again. Best effort, since the bytes failed their checksum; `'unknown'`
   * when the damage hides the keys.
   */
  partitions: GroupPartition[] | 'unknown';
}

/** What opening found. */
export interface OffsetStoreOpenReport {
  /** Records replayed from the log (commits and tombstones), in log order. */
  recordsReplayed: number;
  /** Intact records that were not offset records of a known version, skipped. */
  recordsSkipped: number;
  /** Bytes that could not be read, skipped; one entry per range, in log order. Empty for a sound log. */
  damaged: DamagedRange[];
  /** Copies of the damaged segment files, kept (under `damaged/` beside the log) before the log was rewritten. */
  keptAside: string[];
  /** Repairs: of an interrupted compaction (see offset-log-files.ts), or a rewrite of a log with damage; one line each. */
  repairs: string[];
  /** Whether the log was unclean (not closed) and recovered. */
  recovered: boolean;
  /** Whether opening compacted the log. */
  compacted: boolean;
}

const LISTED_PARTITIONS = 20;

function lostOffsets(offsets: DamagedRange['offsets']): string {
  if (offsets === null) return 'the log offsets lost are unknown';
  if (offsets.last === null) return `log offsets from ${offsets.first} on lost`;
  return offsets.first === offsets.last
    ? `log offset ${offsets.first} lost`
    : `log offsets ${offsets.first}-${offsets.last} lost`;
}

function stalePartitions(partitions: DamagedRange['partitions']): string {
  if (partitions === 'unknown') return 'which committed offsets it held is unknown';
  if (partitions.length === 0) return 'every committed offset it held was committed again later';
  const names = partitions.slice(0, LISTED_PARTITIONS).map((p) => `${p.groupId}/${p.topic}/${p.partition}`);
  const more = partitions.length > LISTED_PARTITIONS ? `, and ${partitions.length - LISTED_PARTITIONS} more` : '';
  return `committed offsets that may have gone back or be missing: ${names.join(', ')}${more}`;
}

/** One line for a damaged range: file, bytes, reason, offsets lost, partitions touched. */
export function describeDamagedRange(range: DamagedRange): string {
  return (
    `Offsets log damaged: ${range.bytes} bytes skipped at byte ${range.fromByte} of ${range.file} (${range.reason}); ` +
    `${lostOffsets(range.offsets)}; ${stalePartitions(range.partitions)}`
  );
}

/** One summary line when the log had damage; `undefined` when it had none. */
export function describeOffsetRecovery(report: OffsetStoreOpenReport): string | undefined {
  if (report.damaged.length === 0) return undefined;
  const bytes = report.damaged.reduce((sum, range) => sum + range.bytes, 0);
  const kept = report.keptAside.length > 0 ? `; damaged files kept as ${report.keptAside.join(', ')}` : '';
  if (report.recordsReplayed === 0) {
    return `Offsets log unreadable: nothing in it could be read (${bytes} bytes damaged); every committed offset is gone and the store starts empty${kept}`;
  }
  return `Offsets log recovered with damage: ${report.damaged.length} damaged range(s), ${bytes} bytes skipped, ${report.recordsReplayed} records read${kept}`;
}
