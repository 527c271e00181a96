/**
 * verifyOffsetsStore: checks the offsets store of a broker data directory offline
 * (`<dataDir>/~coordinator/offsets`), with the reader the store itself opens with
 * (offset-log-replay.ts over offset-log-scan.ts), so it finds what the next open would
 * recover: damaged ranges (the log offsets and, best effort, the commits they held) and
 * intact batches out of offset order. Every file is opened read-only and no lock is taken;
 * `mini-kafka verify` runs it beside the storage package's `verifyDataDir`.
 *
 * Severities as in verifyDataDir: a damaged range is `damage` (commits lost or gone back);
 * batches out of order, and what an interrupted compaction left, are `warning`s the next
 * open repairs; copies of damaged bytes an earlier open kept are `info`. Files are named
 * relative to the data directory.
 */
import { join, relative } from 'node:path';
import { nodeReadOnlyFileSystem, type ReadOnlyFileSystem, type VerifyProblem } from '@mini-kafka/storage';
import { offsetLogPaths } from './offset-log-files.js';
import { replayOffsetLog } from './offset-log-replay.js';
import { describeDamagedRange } from './offset-store-report.js';
import { OffsetTable } from './offset-table.js';

/** The largest batch the store writes (log-offset-store.ts). */
const MAX_BATCH_BYTES = 64 * 1024 * 1024;

export interface OffsetsStoreVerification {
  /** The offsets log's directory, relative to the data directory. */
  directory: string;
  /** Whether there is an offsets log (none until a group first commits). */
  present: boolean;
  /** Records read from the intact batches (commits and deletions). */
  records: number;
  problems: VerifyProblem[];
  /** Whether any problem is `damage`. */
  damaged: boolean;
  /**
   * The committed offsets the next open recovers (group, topic, partition, offset), for a
   * check against the partitions' log ends: a commit past a log's end proves records lost.
   */
  commits: { group: string; topic: string; partition: number; offset: number }[];
}

export async function verifyOffsetsStore(
  dataDir: string,
  fs: ReadOnlyFileSystem = nodeReadOnlyFileSystem,
): Promise<OffsetsStoreVerification> {
  const paths = offsetLogPaths(dataDir);
  const named = (path: string): string => relative(dataDir, path);
  const result: OffsetsStoreVerification = {
    directory: named(paths.current),
    present: await fs.isDirectory(paths.current),
    records: 0,
    problems: [],
    damaged: false,
    commits: [],
  };
  for (const leftover of [paths.next, paths.ready, paths.old]) {
    if (await fs.isDirectory(leftover)) {
      result.problems.push({
        severity: 'warning',
        file: named(leftover),
        message: 'left by an interrupted compaction of the offsets log: the next open finishes or undoes it',
      });
    }
  }
  if (result.present) {
    try {
      const table = new OffsetTable();
      const replay = await replayOffsetLog(fs, paths.current, table, MAX_BATCH_BYTES);
      result.records = replay.recordsReplayed;
      result.commits = table.entries().map(({ groupId, entry }) => ({
        group: groupId,
        topic: entry.topic,
        partition: entry.partition,
        offset: entry.offset,
      }));
      for (const range of replay.damaged) {
        result.problems.push({
          severity: 'damage',
          file: named(range.file),
          position: range.fromByte,
          ...(range.offsets === null ? {} : { fromOffset: range.offsets.first }),
          ...(range.offsets?.last == null ? {} : { toOffset: range.offsets.last }),
          message: describeDamagedRange({ ...range, file: named(range.file) }),
        });
      }
      for (const line of replay.misaligned) {
        result.problems.push({
          severity: 'warning',
          message: `${line.replaceAll(`${paths.current}/`, '')}; the next open rewrites the log`,
        });
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      result.problems.push({
        severity: 'damage',
        file: result.directory,
        message: `cannot be read (${code ?? (error as Error).message}): the broker cannot open its offsets store`,
      });
    }
  }
  const kept = await keptAside(fs, paths.damaged);
  if (kept > 0) {
    result.problems.push({
      severity: 'info',
      file: named(paths.damaged),
      message: `${kept} copies of damaged offsets log files, kept by earlier opens`,
    });
  }
  result.damaged = result.problems.some((problem) => problem.severity === 'damage');
  return result;
}

/** Files in the folders of `damaged/`, each holding one open's copies. */
async function keptAside(fs: ReadOnlyFileSystem, damaged: string): Promise<number> {
  if (!(await fs.isDirectory(damaged))) return 0;
  let files = 0;
  for (const folder of await fs.readdir(damaged)) {
    const path = join(damaged, folder);
    if (await fs.isDirectory(path)) files += (await fs.readdir(path)).length;
  }
  return files;
}
