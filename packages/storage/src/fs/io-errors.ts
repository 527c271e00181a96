/**
 * I/O errors in words. A failed system call carries a code (ENOSPC, EMFILE, ...) and a
 * message holding the path it failed on; storage errors name the cause in words and keep
 * the code, never the path (which says where the data directory is) or anything written.
 * `storageError` is the KAFKA_STORAGE_ERROR every storage operation reports for one, with
 * the code in `details.ioError`, so the broker can answer a full disk with its own status.
 */
import { type ErrorDetails, isMiniKafkaError, MiniKafkaError } from '@mini-kafka/protocol/core';

/** What each code means for a data directory, in words. */
const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: "no space left on the data directory's device",
  EDQUOT: "the disk quota of the data directory's owner is used up",
  EMFILE: 'too many open files in the broker process (its open-file limit, ulimit -n)',
  ENFILE: 'too many open files on the whole system',
  EACCES: 'permission denied in the data directory',
  EPERM: 'operation not permitted in the data directory',
  EROFS: 'the data directory is on a read-only file system',
  EIO: "an I/O error on the data directory's device",
  ENOMEM: 'out of memory',
  ENOENT: 'a file or directory of the data directory disappeared',
  ENOTDIR: 'a path in the data directory is not a directory',
  EEXIST: 'a file in the way already exists in the data directory',
};

/** The codes that mean the storage ran out of room, for the broker's 507 Insufficient Storage. */
export const OUT_OF_SPACE_CODES: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT']);
/** The codes that mean the process or system ran out of file descriptors. */
export const OUT_OF_FILES_CODES: ReadonlySet<string> = new Set(['EMFILE', 'ENFILE']);

/** The code of an I/O error (ENOSPC, ...), looked for along its causes; undefined when there is none. */
export function ioErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)) return code;
    if (isMiniKafkaError(current) && typeof current.details.ioError === 'string') return current.details.ioError;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** `code` in words, with the code itself: "no space left on the data directory's device (ENOSPC)". */
export function describeIoError(code: string | undefined): string {
  if (code === undefined) return 'an unexpected I/O error';
  const words = CAUSES[code];
  return words === undefined ? `an I/O error (${code})` : `${words} (${code})`;
}

/**
 * KAFKA_STORAGE_ERROR for `error` thrown while doing `what` ("Cannot create topic "t""):
 * "<what>: <cause in words>". A MiniKafkaError (a refusal, or already a storage error)
 * passes through unchanged.
 */
export function storageError(what: string, error: unknown, details: ErrorDetails = {}): MiniKafkaError {
  if (isMiniKafkaError(error)) return error;
  const code = ioErrorCode(error);
  return new MiniKafkaError('KAFKA_STORAGE_ERROR', `${what}: ${describeIoError(code)}`, {
    details: code === undefined ? details : { ...details, ioError: code },
    cause: error,
  });
}
