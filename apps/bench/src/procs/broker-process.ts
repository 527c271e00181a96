/**
 * The broker under test: `node apps/broker/dist/main.js` (build it first: the root
 * `pnpm bench` does) as its own process on 127.0.0.1, with a fresh temporary data directory
 * unless a scenario hands it one, and every other setting at its default (flush `always`:
 * an acknowledged record is fsynced). Start-up time runs from the spawn to the first
 * `GET /health` answering 200.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HttpClient } from '../load/http-client.js';
import { type Child, freePort, removeDir, startChild, tempDir, waitUntil } from './children.js';

export const BROKER_MAIN = fileURLToPath(new URL('../../../broker/dist/main.js', import.meta.url));
const START_TIMEOUT_MS = 120_000;
const HEALTH_POLL_MS = 2;

export interface RunningBroker {
  child: Child;
  url: string;
  /** host:port of the Kafka listener. */
  kafka: string;
  dataDir: string;
  http: HttpClient;
  /** Spawn to the first /health 200, in ms. */
  startupMs: number;
  /**
   * Ends the broker, then removes the data directory unless it was handed in. `clean`
   * (the default): SIGTERM, and it must exit 0. `kill`: SIGKILL, for a scenario whose data
   * is thrown away (a clean shutdown can take seconds while clients' idle keep-alive
   * connections close); it must still be running then, or it crashed.
   */
  stop(how?: 'clean' | 'kill'): Promise<void>;
}

/**
 * Node flags for the broker from MINI_KAFKA_BENCH_BROKER_FLAGS (space-separated), for
 * profiling a scenario: `MINI_KAFKA_BENCH_BROKER_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof"`.
 */
function brokerNodeFlags(): string[] {
  return (process.env.MINI_KAFKA_BENCH_BROKER_FLAGS ?? '').split(' ').filter((flag) => flag !== '');
}

export function brokerBuilt(): boolean {
  return existsSync(BROKER_MAIN);
}

/** `args`: more flags, after the defaults (a gateway: `['--backend', 'kafka', '--bootstrap-servers', ...]`). */
export async function startBroker(dataDir?: string, args: readonly string[] = []): Promise<RunningBroker> {
  const dir = dataDir ?? (await tempDir('broker'));
  const [port, kafkaPort] = [await freePort(), await freePort()];
  const started = performance.now();
  const child = startChild('broker', process.execPath, [
    ...brokerNodeFlags(),
    BROKER_MAIN,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--kafka-port',
    String(kafkaPort),
    '--data-dir',
    dir,
    ...args,
  ]);
  const url = `http://127.0.0.1:${port}`;
  const http = new HttpClient(url, 32);
  let startupMs = Number.NaN;
  try {
    await waitUntil(
      'the broker answering /health',
      async () => {
        const answer = await http.drain('GET', '/health');
        if (answer.status !== 200) return false;
        startupMs = performance.now() - started;
        return true;
      },
      START_TIMEOUT_MS,
      child,
      HEALTH_POLL_MS,
    );
  } catch (error) {
    http.close();
    await child.stop();
    if (dataDir === undefined) await removeDir(dir);
    throw error;
  }
  return {
    child,
    url,
    kafka: `127.0.0.1:${kafkaPort}`,
    dataDir: dir,
    http,
    startupMs,
    stop: async (how = 'clean') => {
      http.close();
      const crashed = child.process.exitCode !== null || child.process.signalCode !== null;
      // A profiled broker writes its profile only when it exits cleanly.
      if (how === 'kill' && brokerNodeFlags().length === 0) await child.kill();
      else await child.stop();
      const code = await child.exited;
      if (dataDir === undefined) await removeDir(dir);
      if (crashed || (how === 'clean' && code !== 0)) {
        throw new Error(`the broker exited with ${code ?? child.process.signalCode}:\n${child.tail()}`);
      }
    },
  };
}
