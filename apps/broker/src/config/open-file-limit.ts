/**
 * The process's open-file limit (RLIMIT_NOFILE, `ulimit -n`) against what `maxPartitions`
 * needs. Every partition keeps a file open per segment (at least one), so a broker allowed
 * 10,000 partitions needs 10,000 descriptors for them alone, plus room for connections and
 * the files it opens for a moment (index files, directories to sync). Below that, creating
 * partitions, producing or accepting connections fails with EMFILE long before a limit says
 * so. The limit is read cheaply from /proc/self/limits (Linux; Node has already raised its
 * soft limit to the hard one when this runs); elsewhere it is unknown and nothing is said.
 */
import { readFileSync } from 'node:fs';

/** Descriptors kept for what is not a partition's segment: connections, the offsets log, files opened briefly. */
export const OPEN_FILE_HEADROOM = 1000;

/** The soft open-file limit, Infinity when unlimited, undefined when it cannot be read. */
export function readOpenFileLimit(
  read: () => string = () => readFileSync('/proc/self/limits', 'utf8'),
): number | undefined {
  let limits: string;
  try {
    limits = read();
  } catch {
    return undefined;
  }
  const match = /^Max open files\s+(\S+)/m.exec(limits);
  if (match === null) return undefined;
  if (match[1] === 'unlimited') return Number.POSITIVE_INFINITY;
  const soft = Number(match[1]);
  return Number.isSafeInteger(soft) ? soft : undefined;
}

/** The start-up warning when `limit` is too low for `maxPartitions`, with its log fields; undefined when it is enough. */
export function openFileLimitWarning(
  limit: number | undefined,
  maxPartitions: number,
): { message: string; fields: Record<string, number> } | undefined {
  const needed = maxPartitions + OPEN_FILE_HEADROOM;
  if (limit === undefined || limit >= needed) return undefined;
  return {
    fields: { openFileLimit: limit, maxPartitions, needed },
    message: `the open-file limit (ulimit -n) is ${limit}, too low for maxPartitions ${maxPartitions}: each partition keeps a file open per segment, so about ${needed} are needed; raise it (ulimit -n, LimitNOFILE= under systemd, --ulimit nofile= in Docker) or lower --max-partitions`,
  };
}
