/**
 * Keeps damaged bytes aside for an operator to inspect, before recovery cuts them off:
 *
 *   <partition dir>/damaged/<segment base offset, 20 digits>-<byte position>.bin
 *
 * holding the bytes of the segment file from that position on, at most MAX_KEPT_BYTES of
 * them. A file is written once, with O_EXCL, fsynced with its directory, and never
 * replaced: a second cut at the same place gets `.1.bin`, `.2.bin`, ... Bytes of a
 * closed segment stay in the segment too (it is never cut), so they are copied only once.
 * Nothing in the log reads these files again; removing them (or the folder) is safe.
 * Runs in `loadLog`, before the log serves anything.
 */
import { join } from 'node:path';
import type { FileSystem } from '../fs/file-system.js';
import type { ReadAt } from './damage-scan.js';
import { offsetFileName } from './file-names.js';

export const DAMAGED_DIRECTORY = 'damaged';
/** The most bytes one copy keeps (the first ones); the rest of a larger cut is lost with it. */
export const MAX_KEPT_BYTES = 64 * 1024 * 1024;

/** Where the copy of `segmentBase`'s bytes from `fromByte` goes (`copy` counts earlier copies of the same place). */
export function damagedFileName(segmentBase: number, fromByte: number, copy = 0): string {
  return `${offsetFileName(segmentBase, '')}-${fromByte}${copy === 0 ? '' : `.${copy}`}.bin`;
}

/**
 * Copies bytes [from, to) of a segment to `damaged/`, durably, and resolves to the copy's
 * path. With `once`, an existing copy of the same place is answered instead of a new one.
 */
export async function keepDamagedBytes(
  fs: FileSystem,
  directory: string,
  segmentBase: number,
  range: { from: number; to: number },
  read: ReadAt,
  once: boolean,
): Promise<string> {
  const folder = join(directory, DAMAGED_DIRECTORY);
  await fs.mkdir(folder);
  const bytes = await read(range.from, Math.min(range.to - range.from, MAX_KEPT_BYTES));
  for (let copy = 0; ; copy++) {
    const path = join(folder, damagedFileName(segmentBase, range.from, copy));
    if (once && copy === 0 && (await fs.exists(path))) return path;
    if (await fs.createExclusive(path, bytes)) {
      await fs.syncDirectory(folder);
      await fs.syncDirectory(directory);
      return path;
    }
  }
}
