/**
 * One process per data directory, held by the kernel so that the lock dies with its process
 * whatever its pid and host name (issue 9: a container restarted after a crash has the same
 * host name and often pid 1; a recreated one has a new host name; a SIGKILLed process holds
 * its pid until reaped). A second broker on the same directory fails at once with
 * KAFKA_STORAGE_ERROR naming the owner, instead of both writing the same segments.
 *
 * The lock is an exclusive OS file lock on `<dataDir>/.lock`, as Kafka's own (`FileChannel.
 * tryLock` on `.lock`), taken through `fs-native-extensions` (prebuilt binaries, nothing to
 * compile): an open-file-description lock (`F_OFD_SETLK`) on Linux, `flock` on macOS,
 * `LockFileEx` on Windows. The kernel drops it when the file is closed, which a dying
 * process does however it dies (before it is a zombie). Open-file-description locks conflict
 * within one process too, and work across containers that share the directory (and across
 * hosts, on a network file system that forwards locks). It is preferred to the socket below,
 * which needs a delicate takeover of a dead owner's file, limits the path's length and sees
 * one host only. The file also holds the owner's `{"pid","host","since"}`, written once
 * locked, for the error message only: what it says never decides whether the lock is free.
 * (On Windows the lock is mandatory, so another process cannot read it and the error names no
 * owner.)
 *
 * Where the native module does not load (musl libc, as on Alpine, has no prebuilt binary) or
 * the file system refuses locks (ENOLCK: NFS without a lock daemon), the lock is a Unix socket
 * listening at `<dataDir>/.lock` instead, with the same guarantees on one host: see
 * data-dir-lock-socket.ts. Both mechanisms use the one name, and a file lock finding a socket
 * there asks it, so the two recognise each other's live owner; a socket lock cannot see a file
 * lock, so do not share one directory between a host with file locks and one without.
 *
 * Taking a lock: open (creating) `.lock`, try the lock without waiting, then check that the
 * locked file is still the one named `.lock`: an owner releases by unlinking `.lock` and then
 * closing it, and a process that opened the old file just before the unlink would otherwise
 * lock a file nobody else sees. Within this process, open directories are also kept by real
 * path, so opening one twice, by any path, is "already open in this process".
 */
import { constants } from 'node:fs';
import { type FileHandle, open, realpath, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import { type FileSystem, hasErrorCode } from '../fs/file-system.js';
import { lockWithSocket, probeLockSocket, removeStaleLockFile } from './data-dir-lock-socket.js';
import { loadNativeFileLocks, type NativeFileLocks } from './native-file-locks.js';

export const LOCK_FILE = '.lock';

/** `file-lock`: an OS file lock on `.lock` (the default where it can be had); `socket`: a Unix socket there. */
export type LockMechanism = 'file-lock' | 'socket';

export interface DataDirLockOptions {
  /** Forces a mechanism (tests run both); by default the file lock, else the socket. */
  mechanism?: LockMechanism;
}

interface LockOwner {
  pid: number;
  host: string;
  since?: string;
}

/** Errors of a file system (or kernel) that has no locks, after which the socket is used. */
const NO_FILE_LOCKS = ['ENOLCK', 'ENOSYS', 'ENOTSUP', 'EOPNOTSUPP', 'EINVAL'];
/** Errors of a lock held elsewhere (EAGAIN is answered as false; Windows says EBUSY). */
const LOCK_HELD = ['EAGAIN', 'EACCES', 'EBUSY'];
/** Errors of opening `.lock` when it is a socket (Linux, macOS). */
const IS_A_SOCKET = ['ENXIO', 'EOPNOTSUPP'];
const ATTEMPTS = 20;

/** Real paths of the data directories this process holds. */
const openHere = new Set<string>();
let nativeLocks: NativeFileLocks | null | undefined;

function loadNativeLocks(): NativeFileLocks | undefined {
  if (nativeLocks === undefined) {
    nativeLocks = loadNativeFileLocks() ?? null;
  }
  return nativeLocks ?? undefined;
}

function ownerInfo(): Buffer {
  return Buffer.from(JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
}

function parseOwner(bytes: Buffer | undefined): LockOwner | undefined {
  try {
    const data = JSON.parse(bytes?.toString('utf8') ?? '') as Partial<LockOwner>;
    if (typeof data.pid === 'number' && typeof data.host === 'string') {
      return { pid: data.pid, host: data.host, ...(typeof data.since === 'string' ? { since: data.since } : {}) };
    }
  } catch {
    // being written, or unreadable (Windows): the owner is not named
  }
  return undefined;
}

function inUse(dataDir: string, owner: LockOwner | undefined): MiniKafkaError {
  if (owner === undefined) {
    return new MiniKafkaError('KAFKA_STORAGE_ERROR', `Data directory ${dataDir} is in use by another process`);
  }
  const since = owner.since === undefined ? '' : ` since ${owner.since}`;
  return new MiniKafkaError(
    'KAFKA_STORAGE_ERROR',
    `Data directory ${dataDir} is in use by process ${owner.pid} on ${owner.host}${since}; stop it first`,
    { details: { pid: owner.pid, host: owner.host } },
  );
}

/** A lock this process holds; `release` gives it up. */
interface Hold {
  release(): Promise<void>;
}

class NoFileLocks extends Error {}

async function holdFileLock(fs: FileSystem, locks: NativeFileLocks, dataDir: string, path: string): Promise<Hold> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let handle: FileHandle;
    try {
      handle = await open(path, constants.O_RDWR | constants.O_CREAT, 0o644);
    } catch (error) {
      if (!IS_A_SOCKET.some((code) => hasErrorCode(error, code))) throw error;
      await replaceDeadSocket(dataDir, path); // left by a process that had no file locks
      continue;
    }
    try {
      if (!tryLock(locks, handle)) throw inUse(dataDir, parseOwner(await fs.readFile(path).catch(() => undefined)));
      const named = await stat(path, { bigint: true }).catch((error: unknown) => ignore(error, 'ENOENT'));
      const locked = await handle.stat({ bigint: true });
      if (named?.ino === locked.ino && named.dev === locked.dev) {
        await writeOwner(handle);
        const held = handle;
        // Unlink first, then close (which unlocks): see the header.
        return { release: async () => fs.unlink(path).finally(() => held.close()) };
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    await handle.close(); // the file was unlinked under us by an owner releasing it: try the new one
  }
  throw new MiniKafkaError(
    'KAFKA_STORAGE_ERROR',
    `Could not lock data directory ${dataDir}: other processes raced for it`,
  );
}

/** For the error messages of others only, so best effort: a full disk must not keep a broker from opening. */
async function writeOwner(handle: FileHandle): Promise<void> {
  const owner = ownerInfo();
  try {
    await handle.truncate(0);
    await handle.write(owner, 0, owner.length, 0);
  } catch {
    // the lock is held all the same; others will not learn who holds it
  }
}

function tryLock(locks: NativeFileLocks, handle: FileHandle): boolean {
  try {
    return locks.tryLock(handle.fd);
  } catch (error) {
    if (LOCK_HELD.some((code) => hasErrorCode(error, code))) return false;
    if (NO_FILE_LOCKS.some((code) => hasErrorCode(error, code))) throw new NoFileLocks();
    throw error;
  }
}

async function replaceDeadSocket(dataDir: string, path: string): Promise<void> {
  const probe = await probeLockSocket(path);
  if (probe.state === 'live') throw inUse(dataDir, parseOwner(probe.owner));
  if (probe.state === 'stale') await removeStaleLockFile(path);
}

async function holdSocket(dataDir: string, path: string): Promise<Hold> {
  const result = await lockWithSocket(dataDir, path, ownerInfo());
  if ('heldBy' in result) throw inUse(dataDir, parseOwner(result.heldBy));
  return result.held;
}

async function hold(fs: FileSystem, dataDir: string, path: string, mechanism?: LockMechanism): Promise<Hold> {
  if (mechanism === 'socket') return holdSocket(dataDir, path);
  const locks = loadNativeLocks();
  if (locks === undefined && mechanism === undefined) return holdSocket(dataDir, path);
  try {
    if (locks === undefined) throw new NoFileLocks();
    return await holdFileLock(fs, locks, dataDir, path);
  } catch (error) {
    if (!(error instanceof NoFileLocks)) throw error;
    if (mechanism === undefined) return holdSocket(dataDir, path);
    throw new MiniKafkaError('KAFKA_STORAGE_ERROR', `Cannot lock data directory ${dataDir}: no file locks here`);
  }
}

function ignore(error: unknown, code: string): undefined {
  if (hasErrorCode(error, code)) return undefined;
  throw error;
}

export class DataDirLock {
  private released: Promise<void> | undefined;

  private constructor(
    private readonly directory: string,
    private readonly held: Hold,
  ) {}

  /** Locks `dataDir` (which must exist) for this process, or fails with KAFKA_STORAGE_ERROR naming its owner. */
  static async acquire(fs: FileSystem, dataDir: string, options: DataDirLockOptions = {}): Promise<DataDirLock> {
    const directory = await realpath(dataDir);
    if (openHere.has(directory)) {
      throw new MiniKafkaError('KAFKA_STORAGE_ERROR', `Data directory ${dataDir} is already open in this process`);
    }
    openHere.add(directory);
    try {
      return new DataDirLock(directory, await hold(fs, dataDir, join(directory, LOCK_FILE), options.mechanism));
    } catch (error) {
      openHere.delete(directory);
      throw error;
    }
  }

  /** Removes `.lock` and gives the lock up; the directory may be opened again, here or elsewhere. */
  release(): Promise<void> {
    this.released ??= this.held.release().finally(() => openHere.delete(this.directory));
    return this.released;
  }
}
