/**
 * A FileSystem over the real one that can be told to fail: writes that run out of
 * space after a few bytes (a torn write), truncates and fsyncs that fail. It counts
 * fsyncs, so tests can see group commit at work. Test-only; not built or published.
 */

import type { FileHandle, FileSystem } from '../fs/file-system.js';
import { nodeFileSystem } from '../fs/node-file-system.js';

function ioError(code: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: injected fault`);
  error.code = code;
  return error;
}

export class FaultyFileSystem implements FileSystem {
  /** When set, the next writes fail with ENOSPC after writing this many bytes of their buffer. */
  failWritesAfterBytes: number | undefined;
  failTruncates = false;
  failSyncs = false;
  datasyncs = 0;
  /** Write calls made on files (write and writev each count once). */
  writes = 0;

  constructor(private readonly inner: FileSystem = nodeFileSystem) {}

  async open(path: string): Promise<FileHandle> {
    const handle = await this.inner.open(path);
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
      close: () => handle.close(),
    };
  }

  readFile = (path: string): Promise<Buffer> => this.inner.readFile(path);
  createExclusive = (path: string, data: Uint8Array): Promise<boolean> => this.inner.createExclusive(path, data);
  writeFileAtomic = (path: string, data: Uint8Array): Promise<void> => this.inner.writeFileAtomic(path, data);
  exists = (path: string): Promise<boolean> => this.inner.exists(path);
  readdir = (path: string): Promise<string[]> => this.inner.readdir(path);
  isDirectory = (path: string): Promise<boolean> => this.inner.isDirectory(path);
  mkdir = (path: string): Promise<void> => this.inner.mkdir(path);
  unlink = (path: string): Promise<void> => this.inner.unlink(path);
  rmdir = (path: string): Promise<void> => this.inner.rmdir(path);
  rename = (from: string, to: string): Promise<void> => this.inner.rename(from, to);
  syncDirectory = (path: string): Promise<void> => this.inner.syncDirectory(path);
}
