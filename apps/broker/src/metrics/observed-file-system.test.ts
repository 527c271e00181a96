import { join } from 'node:path';
import { type FileSystem, nodeFileSystem } from '@mini-kafka/storage';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { observedFileSystem } from './observed-file-system.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

function recorder() {
  const fsyncs: number[] = [];
  const failures: string[] = [];
  return {
    fsyncs,
    failures,
    observer: {
      fsynced: (seconds: number) => fsyncs.push(seconds),
      storageFailed: (operation: string, code: string) => failures.push(`${operation} ${code}`),
    },
  };
}

/** The real file system, except that fsync fails with `code` (a disk that errs). */
function failingSync(code: string): FileSystem {
  const failure = () => Promise.reject(Object.assign(new Error(`${code}: fsync failed`), { code }));
  return {
    ...nodeFileSystem,
    open: async (path) => {
      const file = await nodeFileSystem.open(path);
      return {
        read: (buffer, offset, length, position) => file.read(buffer, offset, length, position),
        write: (buffer, position) => file.write(buffer, position),
        writev: (buffers, position) => file.writev(buffers, position),
        datasync: failure,
        truncate: (length) => file.truncate(length),
        size: () => file.size(),
        close: () => file.close(),
      };
    },
  };
}

describe('observedFileSystem', () => {
  it('times each fsync and passes data through untouched', async () => {
    const { fsyncs, failures, observer } = recorder();
    const fs = observedFileSystem(nodeFileSystem, observer);
    const path = join(await dirs.make(), 'segment');
    const file = await fs.open(path);
    await file.write(Buffer.from('stored bytes'), 0);
    await file.datasync();
    await file.close();
    await fs.syncDirectory(join(path, '..'));
    expect(fsyncs).toHaveLength(2);
    for (const seconds of fsyncs) expect(seconds).toBeGreaterThanOrEqual(0);
    expect((await fs.readFile(path)).toString()).toBe('stored bytes');
    // A missing file is an answer, not a storage failure.
    await expect(fs.readFile(`${path}.missing`)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(failures).toEqual([]);
  });

  it('counts a failed operation by its code and rethrows the same error', async () => {
    const { fsyncs, failures, observer } = recorder();
    const fs = observedFileSystem(failingSync('EIO'), observer);
    const path = join(await dirs.make(), 'segment');
    const file = await fs.open(path);
    await expect(file.datasync()).rejects.toThrow('EIO: fsync failed');
    await file.close();
    // A directory inside a file: ENOTDIR.
    await expect(fs.mkdir(join(path, 'partition'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(failures).toEqual(['fsync EIO', 'mkdir ENOTDIR']);
    expect(fsyncs).toEqual([]);
  });
});
