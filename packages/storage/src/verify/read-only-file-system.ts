/**
 * The file access `verifyDataDir` needs, and nothing that writes: it opens files read-only
 * (O_RDONLY), so checking a data directory can never change it, even one a broker is using.
 * `nodeReadOnlyFileSystem` is the real one; tests may wrap it to inject faults.
 */
import { open, readdir, readFile, stat } from 'node:fs/promises';
import type { FileHandle } from '../fs/file-system.js';

/** A file open for reading only. */
export interface ReadOnlyFile extends Pick<FileHandle, 'read' | 'size' | 'close'> {}

export interface ReadOnlyFileSystem {
  /** Entry names of a directory; rejects with ENOENT when it does not exist. */
  readdir(path: string): Promise<string[]>;
  /** Reads a whole file; rejects with ENOENT when it does not exist. */
  readFile(path: string): Promise<Buffer>;
  isDirectory(path: string): Promise<boolean>;
  /** Opens an existing file for reading only. */
  openForReading(path: string): Promise<ReadOnlyFile>;
}

export const nodeReadOnlyFileSystem: ReadOnlyFileSystem = {
  readdir: (path) => readdir(path),
  readFile: (path) => readFile(path),
  async isDirectory(path) {
    try {
      return (await stat(path)).isDirectory();
    } catch {
      return false;
    }
  },
  async openForReading(path) {
    const handle = await open(path, 'r');
    return {
      async read(buffer, offset, length, position) {
        let total = 0;
        while (total < length) {
          const { bytesRead } = await handle.read(buffer, offset + total, length - total, position + total);
          if (bytesRead === 0) break;
          total += bytesRead;
        }
        return total;
      },
      size: async () => (await handle.stat()).size,
      close: () => handle.close(),
    };
  },
};
