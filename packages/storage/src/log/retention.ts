/**
 * When to roll and what retention deletes: pure decisions shared by every log
 * implementation, so the file log and the memory log cannot disagree.
 */
import type { LogConfig } from './log-config.js';

const MAX_RELATIVE_OFFSET = 0x7fffffff;

export interface SegmentStats {
  baseOffset: number;
  size: number;
  /** Largest record timestamp in the segment, -1 when empty. */
  maxTimestamp: number;
  /** The first batch's max timestamp, -1 when empty. */
  rollingTimestamp: number;
}

/**
 * Whether an append of `appendBytes` ending at `lastOffset` must start a new segment:
 * the active one is not empty and would grow past segmentBytes, is older than
 * segmentMs, or could not index `lastOffset` relative to its base in an int32.
 */
export function shouldRoll(
  active: SegmentStats,
  appendBytes: number,
  lastOffset: number,
  config: LogConfig,
  now: number,
): boolean {
  if (active.size === 0) return false;
  if (active.size + appendBytes > config.segmentBytes) return true;
  if (active.rollingTimestamp >= 0 && now - active.rollingTimestamp > config.segmentMs) return true;
  return lastOffset - active.baseOffset > MAX_RELATIVE_OFFSET;
}

/**
 * How many of the oldest segments retention deletes: those whose newest record is
 * older than retentionMs, and those whose removal still leaves the log at least
 * retentionBytes large. The active (last) segment is never counted.
 */
export function segmentsToDelete(segments: readonly SegmentStats[], config: LogConfig, now: number): number {
  const deletable = segments.length - 1;
  let byTime = 0;
  if (config.retentionMs >= 0) {
    while (byTime < deletable && now - segments[byTime]!.maxTimestamp > config.retentionMs) byTime++;
  }
  let bySize = 0;
  if (config.retentionBytes >= 0) {
    let excess = segments.reduce((sum, segment) => sum + segment.size, 0) - config.retentionBytes;
    while (bySize < deletable && excess - segments[bySize]!.size >= 0) {
      excess -= segments[bySize]!.size;
      bySize++;
    }
  }
  return Math.max(byTime, bySize);
}
