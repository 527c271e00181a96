/**
 * What a partition's description says about its health, for any PartitionLog: the
 * offsets and size every log has, and, for a file log, the damage its opening found
 * (damage-report.ts), or, for a partition that could not be opened, why it is offline.
 * The broker's topic description and its start-up log lines are made from this.
 */
import { type DamageSummary, type SegmentDamage, summarizeDamage } from './damage-report.js';
import { Log } from './log.js';
import { OfflineLog } from './offline-log.js';
import type { PartitionLog } from './partition-log.js';

export interface PartitionStatus {
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  sizeBytes: number;
  segments: number;
  /** Present when opening the partition found records lost or unreadable (not for a torn write alone). */
  damage?: DamageSummary;
  /** Present when the partition could not be opened: every request to it is KAFKA_STORAGE_ERROR. */
  offline?: { reason: string };
}

/** The partition's offsets, size, damage and whether it is offline. */
export function describePartition(log: PartitionLog): PartitionStatus {
  const status: PartitionStatus = {
    logStartOffset: log.logStartOffset,
    logEndOffset: log.logEndOffset,
    highWatermark: log.highWatermark,
    sizeBytes: log.size,
    segments: log.segmentCount,
  };
  const damage = summarizeDamage(damageFound(log));
  if (damage !== undefined) status.damage = damage;
  if (log instanceof OfflineLog) status.offline = { reason: log.reason };
  return status;
}

/** Everything opening the partition found wrong with its segments, torn writes included; none for a memory log. */
export function damageFound(log: PartitionLog): readonly SegmentDamage[] {
  return log instanceof Log ? log.loadReport.damage : [];
}
