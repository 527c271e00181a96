/**
 * Child processes and temporary directories of a run. Servers (the broker, redis-server,
 * nats-server, the bare HTTP server) are spawned here, told apart by PID and stopped by
 * PID; `stopAll()` stops whatever is still running and removes every temporary directory,
 * also when the run is interrupted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const TAIL_LINES = 40;
const STOP_GRACE_MS = 15_000;

export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** Resolves with the exit code (null after a signal) once the process has exited. */
  exited: Promise<number | null>;
  /** The last lines it printed (stdout and stderr), for error messages. */
  tail(): string;
  /** Calls `listener` with each line of its stdout. */
  onLine(listener: (line: string) => void): void;
  /** SIGTERM by PID, SIGKILL after a grace period; resolves once it has exited. */
  stop(): Promise<void>;
  /** SIGKILL by PID; resolves once it has exited. */
  kill(): Promise<void>;
}

const running = new Set<Child>();
const temporaryDirs = new Set<string>();

/** The full path of an executable on PATH (or in /usr/sbin and /sbin), or undefined. */
export function which(command: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const path = join(dir, command);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

export async function tempDir(label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `mini-kafka-bench-${label}-`));
  temporaryDirs.add(dir);
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  temporaryDirs.delete(dir);
  await rm(dir, { recursive: true, force: true });
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function startChild(name: string, command: string, args: readonly string[], cwd?: string): Child {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const lines: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  const collect = (stream: NodeJS.ReadableStream, isStdout: boolean): void => {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > TAIL_LINES) lines.shift();
        if (isStdout) for (const listener of listeners) listener(line);
      }
    });
  };
  collect(child.stdout!, true);
  collect(child.stderr!, false);
  // 'close' comes after the output is read to its end.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const handle: Child = {
    name,
    pid: child.pid,
    process: child,
    exited,
    tail: () => lines.join('\n'),
    onLine: (listener) => listeners.push(listener),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(child.pid!, 'SIGTERM');
        const stopped = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
        if (!stopped) {
          process.kill(child.pid!, 'SIGKILL');
          await exited;
        }
      }
      running.delete(handle);
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL');
      await exited;
      running.delete(handle);
    },
  };
  running.add(handle);
  void exited.then(() => running.delete(handle));
  return handle;
}

/** Polls `check` until it resolves true; throws after `timeoutMs`, or when `child` exits first. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  child?: Child,
  intervalMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void child?.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${child?.name} exited before ${what}:\n${child?.tail()}`);
    if (await check().catch(() => false)) return;
    await sleep(intervalMs);
  }
  throw new Error(`${what}: not after ${timeoutMs} ms${child ? `\n${child.tail()}` : ''}`);
}

/** Stops every child still running and removes every temporary directory. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => child.stop().catch(() => undefined)));
  await Promise.all([...temporaryDirs].map((dir) => removeDir(dir)));
}

/** For an exit handler, where nothing can be awaited: SIGKILL by PID whatever still runs. */
export function killAllNow(): void {
  for (const child of running) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
