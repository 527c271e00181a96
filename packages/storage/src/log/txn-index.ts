/**
 * The aborted-transaction index (Kafka's TransactionIndex): `<base>.txnindex` beside each
 * segment, one entry per ABORT marker written into that segment, in marker order. Each entry
 * is 34 bytes, big-endian:
 *   version int16 (0), producerId int64, firstOffset int64, lastOffset int64 (the marker's
 *   offset), lastStableOffset int64 (the LSO once the marker was written)
 * Appended (and fsynced under the flush policy) once the marker is written; rebuilt from the
 * batches for every segment recovery rescans; deleted with its segment. A torn last entry
 * (a crash mid-write) is ignored. Read only while the log opens: the entries live in the
 * ProducerStateManager from then on.
 */
import { join } from 'node:path';
import type { FileSystem } from '../fs/file-system.js';
import { readInt64, writeInt64 } from '../record-batch/varint.js';
import { offsetFileName } from './file-names.js';

export const TXN_INDEX_SUFFIX = '.txnindex';
export const TXN_ENTRY_BYTES = 34;
const TXN_INDEX_FILE = /^(\d{20})\.txnindex$/;

export interface AbortedTxn {
  producerId: number;
  firstOffset: number;
  /** The ABORT marker's offset. */
  lastOffset: number;
  lastStableOffset: number;
}

export function txnIndexFileName(baseOffset: number): string {
  return offsetFileName(baseOffset, TXN_INDEX_SUFFIX);
}

export function serializeTxnEntries(entries: readonly AbortedTxn[]): Buffer {
  const bytes = Buffer.alloc(entries.length * TXN_ENTRY_BYTES);
  entries.forEach((entry, i) => {
    const at = i * TXN_ENTRY_BYTES;
    bytes.writeInt16BE(0, at);
    writeInt64(bytes, at + 2, entry.producerId);
    writeInt64(bytes, at + 10, entry.firstOffset);
    writeInt64(bytes, at + 18, entry.lastOffset);
    writeInt64(bytes, at + 26, entry.lastStableOffset);
  });
  return bytes;
}

/** The whole entries of a .txnindex file; a torn tail or an entry of another version ends it. */
export function parseTxnEntries(bytes: Buffer): AbortedTxn[] {
  const entries: AbortedTxn[] = [];
  for (let at = 0; at + TXN_ENTRY_BYTES <= bytes.length; at += TXN_ENTRY_BYTES) {
    if (bytes.readInt16BE(at) !== 0) break;
    entries.push({
      producerId: readInt64(bytes, at + 2),
      firstOffset: readInt64(bytes, at + 10),
      lastOffset: readInt64(bytes, at + 18),
      lastStableOffset: readInt64(bytes, at + 26),
    });
  }
  return entries;
}

/** Base offsets of the .txnindex files in `directory`, ascending. */
export async function listTxnIndexes(fs: FileSystem, directory: string): Promise<number[]> {
  const offsets: number[] = [];
  for (const name of await fs.readdir(directory)) {
    const match = TXN_INDEX_FILE.exec(name);
    if (match !== null) offsets.push(Number(match[1]));
  }
  return offsets.sort((a, b) => a - b);
}

/** Every entry of the .txnindex files in `directory` (missing or unreadable files hold none). */
export async function readTxnIndexes(fs: FileSystem, directory: string): Promise<AbortedTxn[]> {
  const entries: AbortedTxn[] = [];
  for (const base of await listTxnIndexes(fs, directory)) {
    try {
      entries.push(...parseTxnEntries(await fs.readFile(join(directory, txnIndexFileName(base)))));
    } catch {
      // Unreadable: recovery's rescan rebuilds what it covers.
    }
  }
  return entries;
}

/** Appends `entries` to the segment's .txnindex (after its whole entries), fsynced when `sync`. */
export async function appendTxnEntries(
  fs: FileSystem,
  directory: string,
  baseOffset: number,
  entries: readonly AbortedTxn[],
  sync: boolean,
): Promise<void> {
  if (entries.length === 0) return;
  const handle = await fs.open(join(directory, txnIndexFileName(baseOffset)));
  try {
    const size = await handle.size();
    const end = size - (size % TXN_ENTRY_BYTES);
    await handle.write(serializeTxnEntries(entries), end);
    if (sync) await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Replaces a segment's .txnindex with `entries` (removes it when there are none). */
export async function writeTxnIndex(
  fs: FileSystem,
  directory: string,
  baseOffset: number,
  entries: readonly AbortedTxn[],
): Promise<void> {
  const path = join(directory, txnIndexFileName(baseOffset));
  if (entries.length === 0) await fs.unlink(path);
  else await fs.writeFileAtomic(path, serializeTxnEntries(entries));
}

/** Removes the .txnindex files of segments that start below `baseOffset` (deleted segments). */
export async function deleteTxnIndexesBelow(fs: FileSystem, directory: string, baseOffset: number): Promise<void> {
  for (const base of await listTxnIndexes(fs, directory)) {
    if (base < baseOffset) await fs.unlink(join(directory, txnIndexFileName(base)));
  }
}
