/**
 * What the log reports when a reader's proof (a group's committed offset) shows offsets past
 * the log end existed: the range from the log end to the proof was lost, and is data loss
 * even when opening took its cut bytes for a torn write. A torn-write finding at the log end
 * becomes that loss; otherwise a gap finding names it. Pure: no I/O.
 */
import type { SegmentDamage } from './damage-report.js';
import { LOG_SUFFIX, offsetFileName } from './file-names.js';
import type { LogName } from './partition-log.js';

export function lostPastEnd(
  findings: readonly SegmentDamage[],
  name: LogName,
  segmentBaseOffset: number,
  logEndOffset: number,
  floor: number,
): SegmentDamage[] {
  const droppedRecords = floor - logEndOffset;
  const torn = findings.find((finding) => finding.tornWrite && finding.fromOffset === logEndOffset);
  if (torn !== undefined) {
    const lost = { ...torn, tornWrite: false, lastOffset: floor - 1, droppedRecords, dataLoss: true };
    return findings.map((finding) => (finding === torn ? lost : finding));
  }
  const gap: SegmentDamage = {
    topic: name.topic,
    partition: name.partition,
    segment: offsetFileName(segmentBaseOffset, LOG_SUFFIX),
    segmentBaseOffset,
    closedSegment: true,
    fromOffset: logEndOffset,
    lastOffset: floor - 1,
    fromByte: 0,
    droppedBytes: 0,
    reason: 'offset-gap',
    tornWrite: false,
    keptAs: undefined,
    droppedRecords,
    dataLoss: true,
  };
  return [...findings, gap].sort((a, b) => a.fromOffset - b.fromOffset);
}
