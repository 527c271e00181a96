/**
 * Replays the offsets log from its segment files into an OffsetTable, BEFORE the storage Log
 * opens them: the Log's own recovery cuts a segment at its first bad batch (and reads of a bad
 * batch fail), which would lose every later record, or stop the store from opening.
 *
 * Recovery rules:
 * - Segments are read in base-offset order, each from byte 0 (offset-log-scan.ts): intact
 *   batches (framing, CRC-32C, records that decode) are applied in log order, latest record per
 *   key wins, null values delete, as in a clean replay.
 * - Damage in the middle skips the damaged bytes, not the rest: reading resumes at the next
 *   intact batch. Kafka's recovery truncates a partition's log at its first bad batch, because
 *   a partition's offsets are positions that must stay contiguous (and a replica can refetch
 *   them). Here each batch is an independent set of upserts keyed by group and partition, and
 *   nothing can refetch it: truncating at one flipped byte would roll back every commit written
 *   after it, while skipping the bad batch rolls back only the partitions whose latest commit
 *   it held. A record is never applied from bytes that failed their CRC: no offset is ever
 *   invented, an affected partition can only go back to an earlier commit (or reappear, for a
 *   lost deletion), and consumers re-read instead of skipping.
 * - Each damaged range is reported (offset-store-report.ts) with its file, bytes, reason, the
 *   log offsets lost (bounded by the intact batches around it) and the partitions it may have
 *   held (read from the damaged bytes without their CRC, less those an intact later record
 *   wrote again), or `'unknown'`.
 * - Files with damage are returned with their bytes, for the store to keep aside before it
 *   rewrites the log; so are files whose intact batches are out of offset order (a base offset
 *   is outside the CRC), which the storage Log would cut.
 *
 * - Transactional records (txn-offset-records.ts): pending offsets are applied like commits,
 *   completions commit or drop what is pending at that point; a tombstone also drops the
 *   partition's pending offsets.
 *
 * Reads each segment file whole: the offsets log is compacted to its live entries, which the
 * table holds in memory anyway.
 */
import { join } from 'node:path';
import { compareStrings, compareTopicPartitions } from '@mini-kafka/protocol/core';
import type { FileSystem, StoredRecord } from '@mini-kafka/storage';
import { scanSegment } from './offset-log-scan.js';
import { decodeOffsetKey, decodeOffsetRecord, type OffsetRecordKey } from './offset-records.js';
import type { DamagedRange, GroupPartition } from './offset-store-report.js';
import type { OffsetTable } from './offset-table.js';
import { decodeTxnOffsetRecord } from './txn-offset-records.js';

const SEGMENT_FILE = /^(\d{20})\.log$/;

export interface OffsetLogReplay {
  recordsReplayed: number;
  recordsSkipped: number;
  damaged: DamagedRange[];
  /** Intact batches out of offset order: one line per file, at the first. */
  misaligned: string[];
  /** Segment files that must not stay as they are (damaged or misaligned), with the bytes read. */
  unsound: { path: string; bytes: Buffer }[];
  /** The log end offset of these files as the storage Log will see them: the last segment's next offset. */
  endOffset: number;
  /**
   * The only damage is at the very end of the last segment, with nothing intact after it and
   * nothing out of order: the shape of an interrupted last write, which the storage Log's own
   * recovery cuts.
   */
  tailOnly: boolean;
}

/** A range waiting for what comes after it: the next intact batch, and later writes of its keys. */
interface OpenRange {
  range: DamagedRange;
  keys: OffsetRecordKey[] | undefined;
  /** Records applied before the range. */
  after: number;
}

function keyOf({ topic, partition }: Omit<OffsetRecordKey, 'groupId'>, groupId: string, producerId?: number): string {
  return JSON.stringify(
    producerId === undefined ? [groupId, topic, partition] : [groupId, topic, partition, producerId],
  );
}

/** The keys of records read without their CRC; `undefined` when any of them is unreadable. */
function uncheckedKeys(records: StoredRecord[] | undefined): OffsetRecordKey[] | undefined {
  if (records === undefined) return undefined;
  const keys = records.map((record) => decodeOffsetKey(record.key));
  return keys.every((key) => key !== undefined) ? keys : undefined;
}

/** Replays the segment files of `directory` into `table`; see the file header for the rules. */
export async function replayOffsetLog(
  fs: Pick<FileSystem, 'isDirectory' | 'readdir' | 'readFile'>,
  directory: string,
  table: OffsetTable,
  maxBatchSize: number,
): Promise<OffsetLogReplay> {
  const replay: OffsetLogReplay = {
    recordsReplayed: 0,
    recordsSkipped: 0,
    damaged: [],
    misaligned: [],
    unsound: [],
    endOffset: 0,
    tailOnly: false,
  };
  if (!(await fs.isDirectory(directory))) return replay;
  const segments = (await fs.readdir(directory))
    .flatMap((name) => {
      const match = SEGMENT_FILE.exec(name);
      return match === null ? [] : [{ name, baseOffset: Number(match[1]) }];
    })
    .sort((a, b) => a.baseOffset - b.baseOffset);

  const lastWrite = new Map<string, number>(); // key -> sequence number of its latest intact record
  const ranges: OpenRange[] = [];
  let waiting: DamagedRange[] = []; // ranges whose last lost offset the next intact batch tells
  for (const segment of segments) {
    const path = join(directory, segment.name);
    const bytes = await fs.readFile(path);
    let next = segment.baseOffset;
    let afterDamage = false;
    let sound = true;
    let misaligned = false;
    for (const piece of scanSegment(bytes, { baseOffset: segment.baseOffset, maxBatchSize })) {
      if (piece.kind === 'damage') {
        const range: DamagedRange = {
          file: path,
          fromByte: piece.position,
          bytes: piece.bytes,
          reason: piece.reason,
          offsets: { first: next, last: null },
          partitions: 'unknown',
        };
        replay.damaged.push(range);
        waiting.push(range);
        ranges.push({ range, keys: uncheckedKeys(piece.unchecked), after: replay.recordsReplayed });
        afterDamage = true;
        sound = false;
        continue;
      }
      for (const range of waiting) {
        const first = range.offsets!.first;
        range.offsets = piece.baseOffset > first ? { first, last: piece.baseOffset - 1 } : null;
      }
      waiting = [];
      if (!piece.contiguous && !afterDamage && !misaligned) {
        // One line per file: the batches after a wrong base offset are out of line with it too.
        replay.misaligned.push(
          `the intact batch at byte ${piece.position} of ${path} has base offset ${piece.baseOffset} where ${next} was expected (its records were read)`,
        );
        misaligned = true;
        sound = false;
      }
      afterDamage = false;
      next = piece.lastOffset + 1;
      for (const record of piece.records) {
        const txn = decodeTxnOffsetRecord(record);
        if (txn !== undefined) {
          replay.recordsReplayed++;
          if (txn.kind === 'pending') {
            lastWrite.set(keyOf(txn.entry, txn.groupId, txn.producerId), replay.recordsReplayed);
            table.setPending(txn.groupId, txn.producerId, txn.entry);
          } else {
            table.completePending(txn.groupId, txn.producerId, txn.commit);
          }
          continue;
        }
        const decoded = decodeOffsetRecord(record);
        if (decoded === undefined) {
          replay.recordsSkipped++;
          continue;
        }
        replay.recordsReplayed++;
        lastWrite.set(keyOf(decoded, decoded.groupId), replay.recordsReplayed);
        if (decoded.value === null) table.deleteWithPending(decoded.groupId, decoded.topic, decoded.partition);
        else table.set(decoded.groupId, { topic: decoded.topic, partition: decoded.partition, ...decoded.value });
      }
    }
    if (!sound) replay.unsound.push({ path, bytes });
    replay.endOffset = next;
    const [only] = replay.damaged;
    replay.tailOnly =
      replay.damaged.length === 1 &&
      replay.misaligned.length === 0 &&
      waiting.length === 1 &&
      only!.file === path &&
      only!.fromByte + only!.bytes === bytes.length;
  }

  for (const { range, keys, after } of ranges) {
    if (keys === undefined) continue;
    const stale = new Map<string, GroupPartition>();
    for (const key of keys)
      if ((lastWrite.get(keyOf(key, key.groupId)) ?? 0) <= after) stale.set(keyOf(key, key.groupId), { ...key });
    range.partitions = [...stale.values()].sort(
      (a, b) => compareStrings(a.groupId, b.groupId) || compareTopicPartitions(a, b),
    );
  }
  return replay;
}
