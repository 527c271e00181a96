/**
 * The data directory lock where no OS file lock can be had (see data-dir-lock.ts): a Unix
 * domain socket listening at `<dataDir>/.lock`. The kernel closes the listener when its
 * process dies, however it dies, so a `connect` that is refused means the owner is gone; one
 * that succeeds means it runs, and the owner answers it with its `{"pid","host","since"}`.
 *
 * Taking the lock: listen on a socket under a fresh name beside `.lock`, then hard-link it
 * as `.lock`, which succeeds for one process only, and drop the fresh name. (Node removes a
 * listening socket's file by the name it was bound to when it closes it; bound as `.lock`, a
 * release could remove a successor's socket. A crash between the two steps leaves a dead
 * `.lock-<hex>` socket, which nothing reads.) A dead owner leaves its socket file behind, and
 * removing it is the delicate step: two processes that both found it dead must not remove each
 * other's fresh socket. So a dead file is removed only by the process that made the hard link
 * `.lock.takeover-<inode>` to it: `link` succeeds for one process only, the link keeps the inode
 * number from being reused, and the winner checks that its link names the inode it found dead,
 * and that this is still dead, before it unlinks `.lock`. A takeover cut short by a crash leaves
 * the link behind; a later process removes it once it is older than TAKEOVER_ABANDONED_MS.
 * An old version's `.lock` (a regular file) refuses connections like a dead socket.
 *
 * A socket's path must fit in `sun_path` (107 bytes on Linux, 103 on macOS and the BSDs); a
 * longer data directory is refused with a message that says so. On Windows the lock is a named
 * pipe named after the directory's real path: pipes leave no file behind, so nothing is stale.
 *
 * Concurrency: any number of processes may run this at once on one directory; exactly one
 * holds the lock. A release unlinks `.lock` before it closes the listener, so no process sees
 * a closed listener under that name while it is still ours.
 */
import { createHash, randomBytes } from 'node:crypto';
import { link, lstat, unlink } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import { hasErrorCode } from '../fs/file-system.js';

const WINDOWS = process.platform === 'win32';
const SUN_PATH_MAX_BYTES = process.platform === 'linux' ? 107 : 103;
const TAKEOVER_ABANDONED_MS = 10_000;
/** How long a prober waits for a live owner to say who it is. */
const OWNER_ANSWER_MS = 1000;
const ATTEMPTS = 20;

/** What a connection to the lock found: nothing there, a dead owner's file, or a live owner and its words. */
export type LockSocketProbe = { state: 'gone' } | { state: 'stale' } | { state: 'live'; owner: Buffer };

/** The lock held (`release` gives it up), or what its live owner said about itself. */
export type LockSocketResult = { held: { release(): Promise<void> } } | { heldBy: Buffer };

/** Takes the lock `path` (a `.lock` under a directory's real path), answering probes with `owner`. */
export async function lockWithSocket(dataDir: string, path: string, owner: Buffer): Promise<LockSocketResult> {
  if (WINDOWS) return lockWithPipe(dataDir, path, owner);
  const fresh = `${path}-${randomBytes(4).toString('hex')}`;
  checkLength(fresh);
  const server = await listen(fresh, owner);
  let held = false;
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        await link(fresh, path);
        held = true;
        return { held: { release: () => unlinkThenClose(path, server) } };
      } catch (error) {
        if (!hasErrorCode(error, 'EEXIST')) throw error;
      }
      const probe = await probeLockSocket(path);
      if (probe.state === 'live') return { heldBy: probe.owner };
      if (probe.state === 'stale') await removeStaleLockFile(path);
    }
    throw raced(dataDir);
  } finally {
    await removeIfThere(fresh);
    if (!held) await close(server);
  }
}

async function lockWithPipe(dataDir: string, path: string, owner: Buffer): Promise<LockSocketResult> {
  const pipe = `\\\\.\\pipe\\mini-kafka-${createHash('sha256').update(path.toLowerCase()).digest('hex')}`;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const server = await listen(pipe, owner).catch((error: unknown) => ignore(error, 'EADDRINUSE'));
    if (server !== undefined) return { held: { release: () => close(server) } };
    const probe = await probeLockSocket(pipe);
    if (probe.state === 'live') return { heldBy: probe.owner };
  }
  throw raced(dataDir);
}

function checkLength(path: string): void {
  const bytes = Buffer.byteLength(path);
  if (bytes <= SUN_PATH_MAX_BYTES) return;
  throw new MiniKafkaError(
    'KAFKA_STORAGE_ERROR',
    `Cannot lock data directory: ${path} is ${bytes} bytes, too long for a Unix socket (at most ${SUN_PATH_MAX_BYTES}), and this platform has no file lock; use a shorter path`,
    { details: { size: bytes, limit: SUN_PATH_MAX_BYTES } },
  );
}

function raced(dataDir: string): MiniKafkaError {
  return new MiniKafkaError(
    'KAFKA_STORAGE_ERROR',
    `Could not lock data directory ${dataDir}: other processes raced for it`,
  );
}

function listen(address: string, owner: Buffer): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((connection) => {
      connection.on('error', () => undefined);
      connection.end(owner);
    });
    server.once('error', reject);
    server.listen(address, () => {
      server.removeListener('error', reject);
      server.on('error', () => undefined);
      server.unref();
      resolve(server);
    });
  });
}

async function unlinkThenClose(path: string, server: Server): Promise<void> {
  await removeIfThere(path);
  await close(server);
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Connects to the lock at `address` and reads what its owner says about itself. */
export function probeLockSocket(address: string): Promise<LockSocketProbe> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let connected = false;
    let settled = false;
    const settle = (probe: LockSocketProbe | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (probe instanceof Error) reject(probe);
      else resolve(probe);
    };
    const socket = connect(address);
    const timer = setTimeout(() => settle({ state: 'live', owner: Buffer.concat(chunks) }), OWNER_ANSWER_MS);
    socket.on('connect', () => {
      connected = true;
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => settle({ state: 'live', owner: Buffer.concat(chunks) }));
    socket.on('error', (error) => {
      // A regular file (an old version's .lock) refuses like a dead socket; EAGAIN is a full backlog.
      if (connected || hasErrorCode(error, 'EAGAIN')) settle({ state: 'live', owner: Buffer.concat(chunks) });
      else if (hasErrorCode(error, 'ECONNREFUSED') || hasErrorCode(error, 'ENOTSOCK')) settle({ state: 'stale' });
      else if (hasErrorCode(error, 'ENOENT')) settle({ state: 'gone' });
      else settle(error);
    });
  });
}

/**
 * Removes the file at `path` if it is still the dead socket (or an old version's lock file) a
 * probe just found there; does nothing when another process is already taking it over.
 */
export async function removeStaleLockFile(path: string): Promise<void> {
  const found = await lstat(path, { bigint: true }).catch((error: unknown) => ignore(error, 'ENOENT'));
  if (found === undefined) return;
  const claim = `${path}.takeover-${found.ino}`;
  try {
    await link(path, claim);
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) return;
    if (!hasErrorCode(error, 'EEXIST')) throw error;
    const taken = await lstat(claim).catch((caught: unknown) => ignore(caught, 'ENOENT'));
    if (taken !== undefined && Date.now() - taken.ctimeMs > TAKEOVER_ABANDONED_MS) await removeIfThere(claim);
    else await sleep(10);
    return;
  }
  try {
    // The claim links whatever `path` named when it was made. If that is the inode the claim is
    // named after, no one else may remove it now, so `path` still names it: remove it if dead.
    const claimed = await lstat(claim, { bigint: true });
    if (claimed.ino !== found.ino || claimed.dev !== found.dev) return;
    if ((await probeLockSocket(path)).state === 'stale') await removeIfThere(path);
  } finally {
    await removeIfThere(claim);
  }
}

async function removeIfThere(path: string): Promise<void> {
  await unlink(path).catch((error: unknown) => ignore(error, 'ENOENT'));
}

function ignore(error: unknown, code: string): undefined {
  if (hasErrorCode(error, code)) return undefined;
  throw error;
}
