/**
 * The anchors' servers, each started fresh on 127.0.0.1 with a temporary data directory
 * and stopped by PID:
 * - redis-server (Debian's) with `appendonly yes`, `appendfsync everysec`, no RDB snapshots;
 * - nats-server (Debian's) with JetStream (`-js`) and its file store in the temporary directory.
 * Ready means answering on its port: PONG for Redis, the INFO greeting for NATS.
 */
import { connect } from 'node:net';
import { type Child, freePort, removeDir, startChild, tempDir, waitUntil } from './children.js';

const START_TIMEOUT_MS = 30_000;

export interface AnchorServer {
  child: Child;
  port: number;
  stop(): Promise<void>;
}

/** Connects, optionally sends `send`, and resolves true once the answer starts with `expect`. */
function answers(port: number, send: string | undefined, expect: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => {
      if (send !== undefined) socket.write(send);
    });
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
      if (text.includes('\r\n')) done(text.startsWith(expect));
    });
  });
}

async function startAnchor(
  label: string,
  command: string,
  args: (port: number, dir: string) => string[],
  ready: (port: number) => Promise<boolean>,
): Promise<AnchorServer> {
  const dir = await tempDir(label);
  const port = await freePort();
  const child = startChild(label, command, args(port, dir), dir);
  try {
    await waitUntil(`${label} answering`, () => ready(port), START_TIMEOUT_MS, child);
  } catch (error) {
    await child.stop();
    await removeDir(dir);
    throw error;
  }
  return {
    child,
    port,
    stop: async () => {
      await child.stop();
      await removeDir(dir);
    },
  };
}

export function startRedis(redisServer: string): Promise<AnchorServer> {
  return startAnchor(
    'redis',
    redisServer,
    (port, dir) => [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--daemonize',
      'no',
      '--logfile',
      '',
    ],
    (port) => answers(port, 'PING\r\n', '+PONG'),
  );
}

export function startNats(natsServer: string): Promise<AnchorServer> {
  return startAnchor(
    'nats',
    natsServer,
    (port, dir) => ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir],
    (port) => answers(port, undefined, 'INFO '),
  );
}
