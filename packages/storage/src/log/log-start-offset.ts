/**
 * The log start offset a partition was given by DeleteRecords, kept in its directory as
 * `log-start-offset-checkpoint`, Kafka's checkpoint layout for one partition:
 *
 *   0\n            the format version
 *   <offset>\n     the log start offset, decimal
 *
 * It is replaced atomically (temporary file, fsync, rename, fsync of the directory) before
 * any segment below it is deleted, so after a crash at any point the log starts at the
 * offset the client was answered with, or at a deleted segment's end, never lower. Written
 * only by the log's single writer; read once, when the log opens.
 */
import { join } from 'node:path';
import type { FileSystem } from '../fs/file-system.js';
import { hasErrorCode } from '../fs/file-system.js';
import { LOG_START_OFFSET_FILE } from './file-names.js';

const VERSION = '0';

/** The stored log start offset, or `undefined` when none was stored (or the file is not one of ours). */
export async function readLogStartOffset(
  fs: Pick<FileSystem, 'readFile'>,
  directory: string,
): Promise<number | undefined> {
  let text: string;
  try {
    text = (await fs.readFile(join(directory, LOG_START_OFFSET_FILE))).toString('utf8');
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) return undefined;
    throw error;
  }
  const [version, offset, rest] = text.split('\n');
  if (version !== VERSION || offset === undefined || !/^\d{1,16}$/.test(offset) || (rest ?? '') !== '') {
    return undefined;
  }
  const value = Number(offset);
  return Number.isSafeInteger(value) ? value : undefined;
}

export async function writeLogStartOffset(fs: FileSystem, directory: string, offset: number): Promise<void> {
  await fs.writeFileAtomic(join(directory, LOG_START_OFFSET_FILE), Buffer.from(`${VERSION}\n${offset}\n`));
}

/**
 * How many of the oldest segments hold only offsets below `logStartOffset` (a segment's
 * `nextOffset` is one past its last). The active (last) segment is never counted.
 */
export function segmentsBelow(segments: readonly { nextOffset: number }[], logStartOffset: number): number {
  let count = 0;
  while (count < segments.length - 1 && segments[count]!.nextOffset <= logStartOffset) count++;
  return count;
}
