/**
 * The real file system, on node:fs/promises. A write that fails (a full disk, too many open
 * files) leaves nothing of itself behind: `writeFileAtomic` removes its temporary file and
 * `createExclusive` the file it could not finish, so the space they took comes back at once.
 */
import { constants } from 'node:fs';
import {
  mkdir,
  type FileHandle as NodeHandle,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  unlink,
} from 'node:fs/promises';
import { dirname } from 'node:path';
import { type FileHandle, type FileSystem, hasErrorCode } from './file-system.js';

class NodeFileHandle implements FileHandle {
  constructor(private readonly handle: NodeHandle) {}

  async read(buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
    let total = 0;
    while (total < length) {
      const { bytesRead } = await this.handle.read(buffer, offset + total, length - total, position + total);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    return total;
  }

  async write(buffer: Uint8Array, position: number): Promise<void> {
    let written = 0;
    while (written < buffer.length) {
      const { bytesWritten } = await this.handle.write(buffer, written, buffer.length - written, position + written);
      written += bytesWritten;
    }
  }

  async writev(buffers: readonly Uint8Array[], position: number): Promise<void> {
    if (buffers.length === 1) return this.write(buffers[0]!, position);
    const total = buffers.reduce((sum, buffer) => sum + buffer.length, 0);
    const { bytesWritten } = await this.handle.writev(buffers as Uint8Array[], position);
    if (bytesWritten < total) {
      await this.write(Buffer.concat(buffers as Uint8Array[]).subarray(bytesWritten), position + bytesWritten);
    }
  }

  datasync(): Promise<void> {
    return this.handle.datasync();
  }

  truncate(length: number): Promise<void> {
    return this.handle.truncate(length);
  }

  async size(): Promise<number> {
    return (await this.handle.stat()).size;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes a file a failed write left, ignoring any error: the write's own error is the one to report. */
async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

let temporaryCounter = 0;

export const nodeFileSystem: FileSystem = {
  async open(path) {
    return new NodeFileHandle(await open(path, constants.O_RDWR | constants.O_CREAT, 0o644));
  },
  readFile: (path) => readFile(path),
  async createExclusive(path, data) {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(path, 'wx', 0o644);
    } catch (error) {
      if (hasErrorCode(error, 'EEXIST')) return false;
      throw error;
    }
    try {
      await handle.writeFile(data);
      await handle.sync();
    } catch (error) {
      // A partial file would claim the name for good: take it back.
      await handle.close().catch(() => undefined);
      await removeQuietly(path);
      throw error;
    }
    await handle.close();
    return true;
  },
  async writeFileAtomic(path, data) {
    const temporary = `${path}.${process.pid}.${++temporaryCounter}.tmp`;
    const handle = await open(temporary, 'w', 0o644);
    try {
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
    } catch (error) {
      // A full disk must not keep what it could not finish: the space goes back at once.
      await removeQuietly(temporary);
      throw error;
    }
    await syncDirectory(dirname(path));
  },
  async exists(path) {
    try {
      await stat(path);
      return true;
    } catch (error) {
      if (hasErrorCode(error, 'ENOENT')) return false;
      throw error;
    }
  },
  readdir: (path) => readdir(path),
  async isDirectory(path) {
    try {
      return (await stat(path)).isDirectory();
    } catch (error) {
      if (hasErrorCode(error, 'ENOENT')) return false;
      throw error;
    }
  },
  async mkdir(path) {
    await mkdir(path, { recursive: true });
  },
  async unlink(path) {
    try {
      await unlink(path);
    } catch (error) {
      if (!hasErrorCode(error, 'ENOENT')) throw error;
    }
  },
  rmdir: (path) => rm(path, { recursive: true, force: true }),
  rename: (from, to) => rename(from, to),
  syncDirectory,
};
