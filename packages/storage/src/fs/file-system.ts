/**
 * The file system seam. Every byte the storage engine reads or writes goes through
 * this interface, so tests can inject faults (a full disk, a failing fsync) that a
 * real disk will not produce on demand. `nodeFileSystem` is the real one.
 */

/** An open file. Reads and writes take explicit positions; nothing depends on a cursor. */
export interface FileHandle {
  /** Reads up to `length` bytes at `position` into `buffer` at `offset`; resolves to bytes read. */
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<number>;
  /** Writes all of `buffer` at `position`; rejects (possibly after a partial write) on failure. */
  write(buffer: Uint8Array, position: number): Promise<void>;
  /** Writes all of `buffers`, back to back, from `position` in one call where the OS allows. */
  writev(buffers: readonly Uint8Array[], position: number): Promise<void>;
  /** fdatasync: the file's data is on stable storage when this resolves. */
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  size(): Promise<number>;
  close(): Promise<void>;
}

export interface FileSystem {
  /** Opens a file for reading and writing, creating it when missing. */
  open(path: string): Promise<FileHandle>;
  /** Reads a whole file; rejects with code ENOENT when it does not exist. */
  readFile(path: string): Promise<Buffer>;
  /** Creates a file with `data` only if it does not exist yet; resolves false when it does. A failed write removes the file. */
  createExclusive(path: string, data: Uint8Array): Promise<boolean>;
  /**
   * Replaces a file atomically and durably: write a temporary file, fsync, rename, fsync the
   * directory. On failure the temporary file is gone and the old file, if any, is intact.
   */
  writeFileAtomic(path: string, data: Uint8Array): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Entry names of a directory; rejects with ENOENT when it does not exist. */
  readdir(path: string): Promise<string[]>;
  isDirectory(path: string): Promise<boolean>;
  /** Creates a directory and its parents; no error when it exists. */
  mkdir(path: string): Promise<void>;
  /** Removes a file; no error when it does not exist. */
  unlink(path: string): Promise<void>;
  /** Removes a directory tree; no error when it does not exist. */
  rmdir(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** fsyncs a directory so that entries created, renamed or removed in it are durable. */
  syncDirectory(path: string): Promise<void>;
}

/** True for a Node error with the given `code` (ENOENT, ENOSPC, ...). */
export function hasErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
