/**
 * Producer state snapshots: `<offset>.snapshot` in the partition directory (20-digit
 * offset, as segment files), the state of every producer as the batches below `offset`
 * leave it. Written on segment roll and on clean close, each replaced atomically and
 * durably (writeFileAtomic); a snapshot that fails its CRC or does not parse is ignored
 * and removed, and recovery falls back to an earlier one or to the log start.
 *
 * Layout, big-endian:
 *   off  field              type
 *    0   version            int16   = 2 (version 1 files are still read)
 *    2   crc                uint32  CRC-32C of bytes 6..end
 *    6   producerCount      int32
 *   10   producers...       per producer:
 *          producerId     int64
 *          producerEpoch  int16
 *          lastTimestamp  int64
 *          batchCount     int8    1..5 (0..5 in version 2: a producer only a marker touched)
 *          currentTxnFirstOffset int64  version 2 only; -1: no ongoing transaction
 *          coordinatorEpoch      int32  version 2 only; -1: none
 *          batches...     per batch: lastSeq int32, lastOffset int64, offsetDelta int32, timestamp int64
 * Only the log's single writer writes snapshots; they are read only while a log opens.
 */
import { join } from 'node:path';
import type { FileSystem } from '../fs/file-system.js';
import { crc32c } from '../record-batch/crc32c.js';
import { readInt64, writeInt64 } from '../record-batch/varint.js';
import { offsetFileName } from './file-names.js';
import {
  BATCHES_TO_RETAIN,
  type BatchMetadata,
  decrementSequence,
  type ProducerStateEntry,
} from './producer-state-entry.js';

export const SNAPSHOT_SUFFIX = '.snapshot';
const SNAPSHOT_FILE = /^(\d{20})\.snapshot$/;
const VERSION = 2;
const HEADER_BYTES = 10;
const PRODUCER_BYTES_V1 = 19;
const PRODUCER_BYTES = 31;
const BATCH_BYTES = 24;

export function snapshotFileName(offset: number): string {
  return offsetFileName(offset, SNAPSHOT_SUFFIX);
}

/** The offset a snapshot file is named by, or undefined for other files. */
export function parseSnapshotFileName(name: string): number | undefined {
  const match = SNAPSHOT_FILE.exec(name);
  if (match === null) return undefined;
  const offset = Number(match[1]);
  return Number.isSafeInteger(offset) ? offset : undefined;
}

export function serializeProducerSnapshot(entries: readonly ProducerStateEntry[]): Buffer {
  const size = entries.reduce((sum, entry) => sum + PRODUCER_BYTES + entry.batches.length * BATCH_BYTES, HEADER_BYTES);
  const bytes = Buffer.alloc(size);
  bytes.writeInt16BE(VERSION, 0);
  bytes.writeInt32BE(entries.length, 6);
  let at = HEADER_BYTES;
  for (const entry of entries) {
    writeInt64(bytes, at, entry.producerId);
    bytes.writeInt16BE(entry.producerEpoch, at + 8);
    writeInt64(bytes, at + 10, entry.lastTimestamp);
    bytes.writeInt8(entry.batches.length, at + 18);
    writeInt64(bytes, at + 19, entry.currentTxnFirstOffset);
    bytes.writeInt32BE(entry.coordinatorEpoch, at + 27);
    at += PRODUCER_BYTES;
    for (const batch of entry.batches) {
      bytes.writeInt32BE(batch.lastSeq, at);
      writeInt64(bytes, at + 4, batch.lastOffset);
      bytes.writeInt32BE(batch.offsetDelta, at + 12);
      writeInt64(bytes, at + 16, batch.timestamp);
      at += BATCH_BYTES;
    }
  }
  bytes.writeUInt32BE(crc32c(bytes.subarray(6)), 2);
  return bytes;
}

/** The entries of a snapshot, or undefined when the bytes are not a whole, intact one. Never throws. */
export function parseProducerSnapshot(bytes: Buffer): ProducerStateEntry[] | undefined {
  if (bytes.length < HEADER_BYTES) return undefined;
  const version = bytes.readInt16BE(0);
  if (version !== 1 && version !== VERSION) return undefined;
  if (crc32c(bytes.subarray(6)) !== bytes.readUInt32BE(2)) return undefined;
  const producerBytes = version === 1 ? PRODUCER_BYTES_V1 : PRODUCER_BYTES;
  const count = bytes.readInt32BE(6);
  if (count < 0 || count > (bytes.length - HEADER_BYTES) / producerBytes) return undefined;
  const entries: ProducerStateEntry[] = [];
  let at = HEADER_BYTES;
  for (let i = 0; i < count; i++) {
    if (at + producerBytes > bytes.length) return undefined;
    const producerId = readInt64(bytes, at);
    const producerEpoch = bytes.readInt16BE(at + 8);
    const lastTimestamp = readInt64(bytes, at + 10);
    const batchCount = bytes.readInt8(at + 18);
    const currentTxnFirstOffset = version === 1 ? -1 : readInt64(bytes, at + 19);
    const coordinatorEpoch = version === 1 ? -1 : bytes.readInt32BE(at + 27);
    at += producerBytes;
    const fewest = version === 1 ? 1 : 0;
    if (producerId < 0 || batchCount < fewest || batchCount > BATCHES_TO_RETAIN) return undefined;
    if (at + batchCount * BATCH_BYTES > bytes.length) return undefined;
    const batches: BatchMetadata[] = [];
    for (let b = 0; b < batchCount; b++) {
      const lastSeq = bytes.readInt32BE(at);
      const offsetDelta = bytes.readInt32BE(at + 12);
      if (lastSeq < 0 || offsetDelta < 0) return undefined;
      batches.push({
        firstSeq: decrementSequence(lastSeq, offsetDelta),
        lastSeq,
        lastOffset: readInt64(bytes, at + 4),
        offsetDelta,
        timestamp: readInt64(bytes, at + 16),
      });
      at += BATCH_BYTES;
    }
    entries.push({ producerId, producerEpoch, lastTimestamp, batches, currentTxnFirstOffset, coordinatorEpoch });
  }
  return at === bytes.length ? entries : undefined;
}

/** Offsets of the snapshot files in `directory`, ascending. */
export async function listSnapshotOffsets(fs: FileSystem, directory: string): Promise<number[]> {
  const offsets: number[] = [];
  for (const name of await fs.readdir(directory)) {
    const offset = parseSnapshotFileName(name);
    if (offset !== undefined) offsets.push(offset);
  }
  return offsets.sort((a, b) => a - b);
}

export function writeProducerSnapshot(
  fs: FileSystem,
  directory: string,
  offset: number,
  entries: readonly ProducerStateEntry[],
): Promise<void> {
  return fs.writeFileAtomic(join(directory, snapshotFileName(offset)), serializeProducerSnapshot(entries));
}

/** Removes the snapshots below `offset` (their batches are gone with the log start). */
export async function deleteSnapshotsBelow(fs: FileSystem, directory: string, offset: number): Promise<void> {
  for (const snapshot of await listSnapshotOffsets(fs, directory)) {
    if (snapshot < offset) await fs.unlink(join(directory, snapshotFileName(snapshot)));
  }
}
