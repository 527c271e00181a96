/**
 * The corruption matrix's view of a stopped broker's data directory: where each partition's
 * segments, batches and index entries are (read with the storage codec's header readers, on
 * files known to be intact), and the damage a case does to them, byte by byte.
 *
 *   <dataDir>/<topic>/topic.json
 *   <dataDir>/<topic>/<partition>/<base, 20 digits>.log | .index | .timeindex
 *   <dataDir>/~coordinator/offsets/<base, 20 digits>.log   the committed offsets, one batch per commit
 *
 * Every damage is described by what it did (file, byte position, bytes changed or cut) so a
 * case's summary line and its failure messages can say exactly what was done. Nothing here
 * runs while a broker holds the directory.
 */
import { readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { batchBaseOffset, batchLastOffset, batchSize } from '@mini-kafka/storage';

export interface BatchAt {
  /** Byte position in the segment file, and size. */
  position: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
}

export interface SegmentFiles {
  baseOffset: number;
  /** `<base>.log`, and its index files beside it. */
  log: string;
  index: string;
  timeIndex: string;
  batches: BatchAt[];
  /** The offset after the segment's last record. */
  nextOffset: number;
  /** The .index entries: absolute offset and byte position. */
  indexEntries: { offset: number; position: number }[];
}

/** What a damage did, for summaries and messages. */
export interface DamageDone {
  /** The file, relative to the data directory. */
  file: string;
  /** Where in the file, and what happened there. */
  position: number;
  what: string;
}

export const COORDINATOR_OFFSETS_DIR = join('~coordinator', 'offsets');

const name20 = (offset: number, suffix: string): string => `${String(offset).padStart(20, '0')}${suffix}`;

export function partitionDir(dataDir: string, topic: string, partition: number): string {
  return join(dataDir, topic, String(partition));
}

/** The batches of an intact segment file, by their length fields. */
export function batchesOf(bytes: Buffer): BatchAt[] {
  const batches: BatchAt[] = [];
  for (let at = 0; at + 12 <= bytes.length; at += batchSize(bytes, at)) {
    const size = batchSize(bytes, at);
    if (size <= 12 || at + size > bytes.length) throw new Error(`not an intact segment at byte ${at}`);
    batches.push({
      position: at,
      size,
      baseOffset: batchBaseOffset(bytes, at),
      lastOffset: batchLastOffset(bytes, at),
    });
  }
  return batches;
}

/** The segments of a log directory (a partition's, or the offsets store's), oldest first. */
export async function segmentsIn(directory: string): Promise<SegmentFiles[]> {
  const bases = (await readdir(directory))
    .flatMap((name) => (/^\d{20}\.log$/.test(name) ? [Number(name.slice(0, 20))] : []))
    .sort((a, b) => a - b);
  const segments: SegmentFiles[] = [];
  for (const baseOffset of bases) {
    const log = join(directory, name20(baseOffset, '.log'));
    const index = join(directory, name20(baseOffset, '.index'));
    const batches = batchesOf(await readFile(log));
    const indexBytes = await readFile(index).catch(() => Buffer.alloc(0));
    const indexEntries = [];
    for (let at = 0; at + 8 <= indexBytes.length; at += 8) {
      indexEntries.push({ offset: baseOffset + indexBytes.readInt32BE(at), position: indexBytes.readInt32BE(at + 4) });
    }
    segments.push({
      baseOffset,
      log,
      index,
      timeIndex: join(directory, name20(baseOffset, '.timeindex')),
      batches,
      nextOffset: batches.at(-1) === undefined ? baseOffset : batches.at(-1)!.lastOffset + 1,
      indexEntries,
    });
  }
  return segments;
}

/** Flips the bits of `mask` in the byte at `position` of `file`. */
export async function flipByte(file: string, position: number, mask: number): Promise<void> {
  const bytes = await readFile(file);
  if (position >= bytes.length) throw new Error(`byte ${position} is past the end of ${file} (${bytes.length})`);
  bytes[position] = bytes[position]! ^ mask;
  await writeFile(file, bytes);
}

/** Overwrites bytes of `file` from `position` with `replacement`. */
export async function overwrite(file: string, position: number, replacement: Buffer): Promise<void> {
  const bytes = await readFile(file);
  replacement.copy(bytes, position);
  await writeFile(file, bytes);
}

/** Cuts `file` to `length` bytes. */
export function cutFile(file: string, length: number): Promise<void> {
  return truncate(file, length);
}

/** Replaces `file`'s bytes with `replacement` (same name, same place). */
export function replaceFile(file: string, replacement: Buffer): Promise<void> {
  return writeFile(file, replacement);
}

export function removeFile(file: string): Promise<void> {
  return rm(file, { force: true });
}

/** The files kept in a `damaged/` directory (empty when there is none). */
export async function keptAside(directory: string): Promise<string[]> {
  return readdir(join(directory, 'damaged'), { recursive: true }).then(
    (names) => names.map(String).sort(),
    () => [],
  );
}
