/**
 * Where the offsets log lives, and the crash-safe swap of a compacted copy.
 *
 *   <dataDir>/~coordinator/offsets/        the live log (a storage Log directory)
 *   <dataDir>/~coordinator/offsets.new/    a compacted copy being written (incomplete)
 *   <dataDir>/~coordinator/offsets.ready/  a compacted copy, complete and durable
 *   <dataDir>/~coordinator/offsets.old/    the previous log, being removed
 *   <dataDir>/~coordinator/damaged/offsets-<time>/<segment>.log
 *                                          copies of damaged segment files, kept for an
 *                                          operator; never read or removed by the store
 *
 * '~' is not legal in a topic name, so the broker's LogManager never takes
 * `~coordinator` for a topic. The swap is: write `offsets.new` and fsync it; rename it
 * to `offsets.ready` (the commit point); rename `offsets` to `offsets.old`; rename
 * `offsets.ready` to `offsets`; remove `offsets.old`; each rename fsyncs the parent.
 * `recoverOffsetDirectories` finishes or undoes whatever a crash interrupted: an
 * `offsets.new` is discarded, an `offsets.ready` is swapped in, a leftover `offsets.old`
 * is removed (or, should `offsets` be missing, put back).
 *
 * A log with damage (offset-log-replay.ts) is copied aside with `keepAside`, durably, before
 * the store rewrites it through the same swap: a crash at any point leaves either the damaged
 * log (recovered again at the next open) or the rewritten one, and the copy.
 */
import { basename, dirname, join } from 'node:path';
import type { FileSystem } from '@mini-kafka/storage';

export const COORDINATOR_DIRECTORY = '~coordinator';

export interface OffsetLogPaths {
  /** `<dataDir>/~coordinator` */
  root: string;
  current: string;
  next: string;
  ready: string;
  old: string;
  /** `<dataDir>/~coordinator/damaged`: copies of damaged segment files. */
  damaged: string;
}

/** The paths for a broker data directory: the log in `<dataDir>/~coordinator/offsets`. */
export function offsetLogPaths(dataDir: string): OffsetLogPaths {
  return offsetLogPathsAt(join(dataDir, COORDINATOR_DIRECTORY, 'offsets'));
}

/** The paths for a log directory given as is; the compaction directories are its siblings. */
export function offsetLogPathsAt(directory: string): OffsetLogPaths {
  return {
    root: dirname(directory),
    current: directory,
    next: `${directory}.new`,
    ready: `${directory}.ready`,
    old: `${directory}.old`,
    damaged: join(dirname(directory), 'damaged'),
  };
}

/** `2023-11-14T22-13-20-000Z` for a file name; the number itself for a time a Date cannot hold. */
function fileTime(time: number): string {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? String(time) : date.toISOString().replace(/[:.]/g, '-');
}

/**
 * Copies `files` (the bytes read from them) into a new `damaged/<log>-<time>/` folder, each
 * durably, and returns the copies' paths. Resolves once they survive a power loss.
 */
export async function keepAside(
  fs: FileSystem,
  paths: OffsetLogPaths,
  files: readonly { path: string; bytes: Buffer }[],
  time: number,
): Promise<string[]> {
  const name = join(paths.damaged, `${basename(paths.current)}-${fileTime(time)}`);
  let folder = name;
  for (let n = 2; await fs.exists(folder); n++) folder = `${name}-${n}`;
  await fs.mkdir(folder);
  await fs.syncDirectory(paths.damaged);
  await fs.syncDirectory(paths.root);
  const copies: string[] = [];
  for (const file of files) {
    const copy = join(folder, basename(file.path));
    await fs.writeFileAtomic(copy, file.bytes);
    copies.push(copy);
  }
  return copies;
}

/** Renames and makes the rename durable. */
async function move(fs: FileSystem, paths: OffsetLogPaths, from: string, to: string): Promise<void> {
  await fs.rename(from, to);
  await fs.syncDirectory(paths.root);
}

/** Replaces the live log by the complete compacted copy in `offsets.ready`. The live log must be closed. */
export async function swapInCompacted(fs: FileSystem, paths: OffsetLogPaths): Promise<void> {
  await fs.rmdir(paths.old); // a leftover would make the next rename fail
  if (await fs.exists(paths.current)) await move(fs, paths, paths.current, paths.old);
  await move(fs, paths, paths.ready, paths.current);
  await fs.rmdir(paths.old);
  await fs.syncDirectory(paths.root);
}

/** Brings the directories back to a single live log after a crash; returns one line per repair. */
export async function recoverOffsetDirectories(fs: FileSystem, paths: OffsetLogPaths): Promise<string[]> {
  const repairs: string[] = [];
  await fs.mkdir(paths.root);
  if (await fs.exists(paths.next)) {
    await fs.rmdir(paths.next);
    repairs.push('discarded an incomplete compaction (offsets.new)');
  }
  if (await fs.exists(paths.ready)) {
    await swapInCompacted(fs, paths);
    repairs.push('finished swapping in a completed compaction (offsets.ready)');
  }
  if (await fs.exists(paths.old)) {
    if (await fs.exists(paths.current)) {
      await fs.rmdir(paths.old);
      repairs.push('removed the log replaced by a compaction (offsets.old)');
    } else {
      await move(fs, paths, paths.old, paths.current);
      repairs.push('restored the offsets log from offsets.old');
    }
  }
  await fs.syncDirectory(paths.root);
  return repairs;
}
