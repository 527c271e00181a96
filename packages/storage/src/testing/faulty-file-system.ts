/**
 * A FileSystem over the real one that can be told to fail: writes that run out of
 * space after a few bytes (a torn write), truncates and fsyncs that fail, and any
 * operation failing with a code of your choice (EMFILE on open, EACCES on mkdir, ENOSPC on
 * writeFileAtomic, ...), at once or after some calls succeed. It counts fsyncs, so tests can
 * see group commit at work, and the handles open, so they can see none is leaked.
 * Test-only; not built or published.
 */

import type { FileHandle, FileSystem } from '../fs/file-system.js';
import { nodeFileSystem } from '../fs/node-file-system.js';

function ioError(code: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: injected fault`);
  error.code = code;
  return error;
}

/** The operations `failOperation` can make fail. */
export type FaultyOperation =
  | 'open'
  | 'readFile'
  | 'createExclusive'
  | 'writeFileAtomic'
  | 'readdir'
  | 'mkdir'
  | 'unlink'
  | 'rmdir'
  | 'rename'
  | 'syncDirectory';

export class FaultyFileSystem implements FileSystem {
  /** When set, the next writes fail with ENOSPC after writing this many bytes of their buffer. */
  failWritesAfterBytes: number | undefined;
  failTruncates = false;
  failSyncs = false;
  datasyncs = 0;
  /** Write calls made on files (write and writev each count once). */
  writes = 0;
  /** Handles opened and not closed yet. */
  openHandles = 0;
  private readonly faults = new Map<FaultyOperation, { code: string; after: number }>();

  constructor(private readonly inner: FileSystem = nodeFileSystem) {}

  /** Makes `operation` fail with `code` once `after` more calls of it have succeeded, until `heal`. */
  failOperation(operation: FaultyOperation, code: string, after = 0): void {
    this.faults.set(operation, { code, after });
  }

  /** Stops `operation` (every operation when none is named) failing. */
  heal(operation?: FaultyOperation): void {
    if (operation === undefined) this.faults.clear();
    else this.faults.delete(operation);
  }

  private check(operation: FaultyOperation): void {
    const fault = this.faults.get(operation);
    if (fault === undefined) return;
    if (fault.after > 0) fault.after--;
    else throw ioError(fault.code);
  }

  async open(path: string): Promise<FileHandle> {
    this.check('open');
    const handle = await this.inner.open(path);
    this.openHandles++;
    let closed = false;
    const write = async (buffer: Uint8Array, position: number): Promise<void> => {
      this.writes++;
      if (this.failWritesAfterBytes !== undefined) {
        const partial = Math.min(this.failWritesAfterBytes, buffer.length);
        if (partial > 0) await handle.write(buffer.subarray(0, partial), position);
        throw ioError('ENOSPC');
      }
      await handle.write(buffer, position);
    };
    return {
      read: (buffer, offset, length, position) => handle.read(buffer, offset, length, position),
      write,
      writev: (buffers, position) => write(Buffer.concat(buffers as Uint8Array[]), position),
      datasync: async () => {
        if (this.failSyncs) throw ioError('EIO');
        this.datasyncs++;
        await handle.datasync();
      },
      truncate: async (length) => {
        if (this.failTruncates) throw ioError('EIO');
        await handle.truncate(length);
      },
      size: () => handle.size(),
      close: async () => {
        if (!closed) this.openHandles--;
        closed = true;
        await handle.close();
      },
    };
  }

  private run<T>(operation: FaultyOperation, call: () => Promise<T>): Promise<T> {
    try {
      this.check(operation);
    } catch (error) {
      return Promise.reject(error);
    }
    return call();
  }

  readFile = (path: string): Promise<Buffer> => this.run('readFile', () => this.inner.readFile(path));
  createExclusive = (path: string, data: Uint8Array): Promise<boolean> =>
    this.run('createExclusive', () => this.inner.createExclusive(path, data));
  writeFileAtomic = (path: string, data: Uint8Array): Promise<void> =>
    this.run('writeFileAtomic', () => this.inner.writeFileAtomic(path, data));
  exists = (path: string): Promise<boolean> => this.inner.exists(path);
  readdir = (path: string): Promise<string[]> => this.run('readdir', () => this.inner.readdir(path));
  isDirectory = (path: string): Promise<boolean> => this.inner.isDirectory(path);
  mkdir = (path: string): Promise<void> => this.run('mkdir', () => this.inner.mkdir(path));
  unlink = (path: string): Promise<void> => this.run('unlink', () => this.inner.unlink(path));
  rmdir = (path: string): Promise<void> => this.run('rmdir', () => this.inner.rmdir(path));
  rename = (from: string, to: string): Promise<void> => this.run('rename', () => this.inner.rename(from, to));
  syncDirectory = (path: string): Promise<void> => this.run('syncDirectory', () => this.inner.syncDirectory(path));
}
