/**
 * The storage's file system seen by the metrics: the real one (or any other), with the
 * time of every fsync and every failed operation reported to `observer`. Everything else
 * passes through as it is; an error is rethrown unchanged.
 */
import type { FileHandle, FileSystem } from '@mini-kafka/storage';

export interface FileSystemObserver {
  fsynced(seconds: number): void;
  storageFailed(operation: string, code: string): void;
}

function errorCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'unknown';
}

export function observedFileSystem(fs: FileSystem, observer: FileSystemObserver): FileSystem {
  const failed =
    (operation: string) =>
    (error: unknown): never => {
      observer.storageFailed(operation, errorCode(error));
      throw error;
    };
  const synced = async (operation: string, sync: () => Promise<void>): Promise<void> => {
    const start = performance.now();
    await sync().catch(failed(operation));
    observer.fsynced((performance.now() - start) / 1000);
  };
  const handle = (file: FileHandle): FileHandle => ({
    read: (buffer, offset, length, position) => file.read(buffer, offset, length, position).catch(failed('read')),
    write: (buffer, position) => file.write(buffer, position).catch(failed('write')),
    writev: (buffers, position) => file.writev(buffers, position).catch(failed('write')),
    datasync: () => synced('fsync', () => file.datasync()),
    truncate: (length) => file.truncate(length).catch(failed('truncate')),
    size: () => file.size(),
    close: () => file.close().catch(failed('close')),
  });
  return {
    open: (path) => fs.open(path).then(handle, failed('open')),
    readFile: (path) => fs.readFile(path),
    createExclusive: (path, data) => fs.createExclusive(path, data).catch(failed('write')),
    writeFileAtomic: (path, data) => fs.writeFileAtomic(path, data).catch(failed('write')),
    exists: (path) => fs.exists(path),
    readdir: (path) => fs.readdir(path),
    isDirectory: (path) => fs.isDirectory(path),
    mkdir: (path) => fs.mkdir(path).catch(failed('mkdir')),
    unlink: (path) => fs.unlink(path).catch(failed('unlink')),
    rmdir: (path) => fs.rmdir(path).catch(failed('rmdir')),
    rename: (path, to) => fs.rename(path, to).catch(failed('rename')),
    syncDirectory: (path) => synced('fsync', () => fs.syncDirectory(path)),
  };
}
