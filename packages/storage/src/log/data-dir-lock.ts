/**
 * One process per data directory. `<dataDir>/.lock` is created exclusively and holds the
 * owner's pid and host; a second broker on the same directory fails at once with
 * KAFKA_STORAGE_ERROR naming the owner, instead of both writing the same segments. A lock
 * left by a process that no longer runs (on this host) is taken over. Released on close.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { MiniKafkaError } from '@mini-kafka/protocol';
import type { FileSystem } from '../fs/file-system.js';

export const LOCK_FILE = '.lock';

interface LockOwner {
  pid: number;
  host: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(fs: FileSystem, path: string): Promise<LockOwner | undefined> {
  try {
    const data = JSON.parse((await fs.readFile(path)).toString('utf8')) as Partial<LockOwner>;
    if (typeof data.pid === 'number' && typeof data.host === 'string') return { pid: data.pid, host: data.host };
  } catch {
    // unreadable: treated as stale
  }
  return undefined;
}

export class DataDirLock {
  private constructor(
    private readonly fs: FileSystem,
    private readonly path: string,
  ) {}

  static async acquire(fs: FileSystem, dataDir: string): Promise<DataDirLock> {
    const path = join(dataDir, LOCK_FILE);
    const me = Buffer.from(JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await fs.createExclusive(path, me)) return new DataDirLock(fs, path);
      const owner = await readOwner(fs, path);
      const ownedHere = owner !== undefined && owner.host === hostname();
      if (owner !== undefined && (!ownedHere || (owner.pid !== process.pid && isRunning(owner.pid)))) {
        throw new MiniKafkaError(
          'KAFKA_STORAGE_ERROR',
          `Data directory ${dataDir} is in use by process ${owner.pid} on ${owner.host}; stop it, or remove ${LOCK_FILE} if it is gone`,
          { details: { pid: owner.pid } },
        );
      }
      if (owner?.pid === process.pid) {
        throw new MiniKafkaError('KAFKA_STORAGE_ERROR', `Data directory ${dataDir} is already open in this process`);
      }
      await fs.unlink(path); // stale: its owner is gone
    }
    throw new MiniKafkaError(
      'KAFKA_STORAGE_ERROR',
      `Could not lock data directory ${dataDir}: another process raced for it`,
    );
  }

  release(): Promise<void> {
    return this.fs.unlink(this.path);
  }
}
