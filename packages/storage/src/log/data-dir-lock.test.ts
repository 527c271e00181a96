/**
 * The data directory lock against real processes and real files, no mocks (issue 9: a
 * restart after a crash in a container must not find the directory "in use"). A holder is
 * a child process (node with tsx, as in crash.test.ts) that takes the lock, prints
 * `locked <pid>` and waits, or prints `refused <message>` and exits. Every test runs for
 * both mechanisms: the OS file lock, and the Unix socket used where no file lock can be had.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { link, mkdir, readdir, rename, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../fs/node-file-system.js';
import { DataDirLock, LOCK_FILE, type LockMechanism } from './data-dir-lock.js';
import { lockWithSocket, probeLockSocket, removeStaleLockFile } from './data-dir-lock-socket.js';

const PACKAGE_DIRECTORY = fileURLToPath(new URL('../..', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const LOCK_MODULE = new URL('./data-dir-lock.ts', import.meta.url).href;
const FS_MODULE = new URL('../fs/node-file-system.ts', import.meta.url).href;
const STARTUP_LIMIT_MS = 20_000;

/** Takes the lock on argv[1] with mechanism argv[2] and keeps it until killed. */
const HOLDER = `
const [dataDir, mechanism] = process.argv.slice(1);
const { DataDirLock } = await import(${JSON.stringify(LOCK_MODULE)});
const { nodeFileSystem } = await import(${JSON.stringify(FS_MODULE)});
try {
  await DataDirLock.acquire(nodeFileSystem, dataDir, { mechanism });
  process.stdout.write('locked ' + process.pid + '\\n');
  setInterval(() => undefined, 1 << 30);
} catch (error) {
  process.stdout.write('refused ' + String(error?.message).replaceAll('\\n', ' ') + '\\n');
  process.exitCode = 3;
}
`;

/** Starts a holder and blocks its own event loop, so it never reaps the holder once that dies. */
const NON_REAPING_PARENT = `
import { spawn } from 'node:child_process';
spawn(process.execPath, JSON.parse(process.argv[1]), { stdio: 'inherit' });
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
`;

function holderArgs(dataDir: string, mechanism: LockMechanism): string[] {
  const flags = ['--conditions=@mini-kafka/source', '--import', TSX_LOADER, '--input-type=module'];
  return [...flags, '-e', HOLDER, dataDir, mechanism];
}

const children: ChildProcess[] = [];
const locks: DataDirLock[] = [];
const dirs = new TempDirs();
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const lock of locks.splice(0)) await lock.release();
  await dirs.cleanup();
});

function spawnTracked(args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: PACKAGE_DIRECTORY, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

/** The first line the process (or a holder it started) prints. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no answer from the holder; stderr: ${err}`)), STARTUP_LIMIT_MS);
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const end = out.indexOf('\n');
      if (end < 0) return;
      clearTimeout(timer);
      resolve(out.slice(0, end));
    });
    child.on('close', () => {
      clearTimeout(timer);
      reject(new Error(`the holder ended without a word; stderr: ${err}`));
    });
  });
}

/** Starts a holder and resolves to its pid once it holds the lock. */
async function holdInChild(dataDir: string, mechanism: LockMechanism): Promise<{ child: ChildProcess; pid: number }> {
  const child = spawnTracked(holderArgs(dataDir, mechanism));
  const line = await firstLine(child);
  expect(line).toMatch(/^locked \d+$/);
  return { child, pid: Number(line.split(' ')[1]) };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function acquire(dataDir: string, mechanism: LockMechanism): Promise<DataDirLock> {
  const lock = await DataDirLock.acquire(nodeFileSystem, dataDir, { mechanism });
  locks.push(lock);
  return lock;
}

async function release(lock: DataDirLock): Promise<void> {
  locks.splice(locks.indexOf(lock), 1);
  await lock.release();
}

async function refusal(dataDir: string, mechanism: LockMechanism): Promise<Error> {
  const error = await acquire(dataDir, mechanism).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isMiniKafkaError(error, 'KAFKA_STORAGE_ERROR'), `expected KAFKA_STORAGE_ERROR, got ${String(error)}`).toBe(
    true,
  );
  return error as Error;
}

/** The one-letter state in /proc/<pid>/stat ('Z' for a zombie), or undefined once it is gone. */
function processState(pid: number): string | undefined {
  try {
    return /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * True once every thread of a killed process is gone and only its unreaped zombie is left. (Its
 * main thread is a zombie a moment before its other threads, which still hold its files, exit.)
 */
function onlyZombieLeft(pid: number): boolean {
  try {
    return processState(pid) === 'Z' && readdirSync(`/proc/${pid}/task`).length === 1;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

for (const mechanism of ['file-lock', 'socket'] as const) {
  describe(`DataDirLock (${mechanism})`, () => {
    it('refuses a directory a live process holds, naming its pid and host, and frees it when that process dies', async () => {
      const dataDir = await dirs.make();
      const holder = await holdInChild(dataDir, mechanism);
      const error = await refusal(dataDir, mechanism);
      expect(error.message).toContain(`in use by process ${holder.pid} on ${hostname()}`);
      expect((error as { details?: { pid?: number } }).details?.pid).toBe(holder.pid);
      holder.child.kill('SIGKILL');
      await exited(holder.child);
      await acquire(dataDir, mechanism);
    });

    it.runIf(process.platform === 'linux')(
      'is free as soon as its SIGKILLed owner is dead, before anyone reaps it',
      async () => {
        const dataDir = await dirs.make();
        const parent = spawnTracked([
          '--input-type=module',
          '-e',
          NON_REAPING_PARENT,
          JSON.stringify(holderArgs(dataDir, mechanism)),
        ]);
        const line = await firstLine(parent);
        expect(line).toMatch(/^locked \d+$/);
        const pid = Number(line.split(' ')[1]);
        process.kill(pid, 'SIGKILL');
        await until(() => onlyZombieLeft(pid), `process ${pid} to become a zombie`);
        const lock = await acquire(dataDir, mechanism);
        expect(processState(pid)).toBe('Z');
        await release(lock);
      },
    );

    // What a crashed broker of an earlier version leaves: `.lock` holding {"pid","host","since"}.
    const leftovers = [
      ['pid 1 on this host (a container restarted after a crash)', { pid: 1, host: hostname() }],
      ['this very pid on this host (restarted with the same pid)', { pid: process.pid, host: hostname() }],
      ['a process on another host (a recreated container)', { pid: 12345, host: 'old-container-id' }],
    ] as const;
    for (const [what, owner] of leftovers) {
      it(`takes over a ${LOCK_FILE} left by ${what}`, async () => {
        const dataDir = await dirs.make();
        await writeFile(join(dataDir, LOCK_FILE), JSON.stringify({ ...owner, since: '2020-01-01T00:00:00.000Z' }));
        const lock = await acquire(dataDir, mechanism);
        await release(lock);
        expect(await readdir(dataDir)).toEqual([]);
      });
    }

    it('tells another process who holds it, and lets it in after release', async () => {
      const dataDir = await dirs.make();
      const lock = await acquire(dataDir, mechanism);
      const refused = await firstLine(spawnTracked(holderArgs(dataDir, mechanism)));
      expect(refused).toContain(
        `refused Data directory ${dataDir} is in use by process ${process.pid} on ${hostname()}`,
      );
      await release(lock);
      await holdInChild(dataDir, mechanism);
    });

    it('refuses the same directory twice in one process, by any path, until released', async () => {
      const dataDir = await dirs.make();
      const alias = join(await dirs.make(), 'alias');
      await symlink(dataDir, alias);
      const lock = await acquire(dataDir, mechanism);
      expect((await refusal(dataDir, mechanism)).message).toContain('already open in this process');
      expect((await refusal(alias, mechanism)).message).toContain('already open in this process');
      expect((await refusal(join(alias, '.'), mechanism)).message).toContain('already open in this process');
      await release(lock);
      expect(await readdir(dataDir)).toEqual([]);
      await release(await acquire(alias, mechanism));
      await release(await acquire(dataDir, mechanism));
    });

    it('lets exactly one of several racing processes take over a stale lock', async () => {
      const dataDir = await dirs.make();
      await writeFile(join(dataDir, LOCK_FILE), JSON.stringify({ pid: 1, host: hostname(), since: '' }));
      const lines = await Promise.all(
        Array.from({ length: 4 }, () => firstLine(spawnTracked(holderArgs(dataDir, mechanism)))),
      );
      expect(lines.filter((line) => line.startsWith('locked '))).toHaveLength(1);
      expect(lines.filter((line) => line.startsWith('refused ') && line.includes('in use by'))).toHaveLength(3);
      expect((await readdir(dataDir)).filter((name) => name !== LOCK_FILE)).toEqual([]);
    });
  });
}

describe('DataDirLock with a Unix socket', () => {
  /** A socket file whose listener is closed, as a killed owner leaves it. */
  async function deadSocketAt(path: string): Promise<void> {
    const result = await lockWithSocket('test', path, Buffer.from('{}'));
    if (!('held' in result)) throw new Error('could not bind');
    await link(path, `${path}.keep`);
    await result.held.release();
    await rename(`${path}.keep`, path);
    expect((await probeLockSocket(path)).state).toBe('stale');
  }

  it.runIf(process.platform !== 'win32')(
    'never removes a live lock for a taker that found the file before it dead',
    async () => {
      const dataDir = await dirs.make();
      const path = join(dataDir, LOCK_FILE);
      await deadSocketAt(path);
      // A fast taker replaces the dead socket between a slow taker's probe and its removal.
      const fast = await lockWithSocket(dataDir, path, Buffer.from('fast'));
      if (!('held' in fast)) throw new Error('the fast taker did not get the lock');
      await removeStaleLockFile(path);
      expect(await probeLockSocket(path)).toEqual({ state: 'live', owner: Buffer.from('fast') });
      expect(await readdir(dataDir)).toEqual([LOCK_FILE]);
      await fast.held.release();
    },
  );

  it.runIf(process.platform !== 'win32')(
    'lets exactly one of many concurrent takers replace a dead socket, and leaves no other file',
    async () => {
      for (let round = 0; round < 10; round++) {
        const dataDir = await dirs.make();
        const path = join(dataDir, LOCK_FILE);
        await deadSocketAt(path);
        const results = await Promise.all(
          Array.from({ length: 8 }, async (_, taker) => {
            // Staggered starts, so that takers meet at every step of each other's takeover.
            await sleep(((round + taker) % 4) * 0.5);
            return lockWithSocket(dataDir, path, Buffer.from(String(taker)));
          }),
        );
        const winners = results.flatMap((result) => ('held' in result ? [result.held] : []));
        expect(winners).toHaveLength(1);
        const winner = results.findIndex((result) => 'held' in result);
        for (const result of results) if ('heldBy' in result) expect(result.heldBy.toString()).toBe(String(winner));
        expect(await readdir(dataDir)).toEqual([LOCK_FILE]);
        await winners[0]!.release();
        expect(await readdir(dataDir)).toEqual([]);
      }
    },
  );

  it.runIf(process.platform !== 'win32')('refuses a path too long to bind, saying why', async () => {
    const dataDir = join(await dirs.make(), 'd'.repeat(120));
    await mkdir(dataDir);
    expect((await refusal(dataDir, 'socket')).message).toMatch(/too long/);
  });
});
