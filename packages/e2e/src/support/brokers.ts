/**
 * The e2e fixture every test starts its brokers with: real brokers listening on 127.0.0.1
 * with port 0 (HTTP and Kafka), in memory unless a test passes a data directory, and
 * brokers run as child processes (`node apps/broker/dist/main.js`) for crash and signal
 * tests. `cleanup()`, called from afterEach or afterAll, closes every broker, kills every
 * child still running and removes every temporary data directory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type Broker, type BrokerOptions, createBroker, createGateway } from '@mini-kafka/broker';
import { TempDirs } from '@mini-kafka/testing';

const brokerMain = fileURLToPath(new URL('../../../../apps/broker/dist/main.js', import.meta.url));

/** A broker running in a child process, as `pnpm start` runs it. */
/** A line of the broker's JSON log. */
export type LogLine = { msg?: string; level?: number } & Record<string, unknown>;

export interface LaunchedBroker {
  child: ChildProcess;
  /** Every log line so far. */
  lines: LogLine[];
  /** The first line with this message, once logged; rejects if the process exits first. */
  logged(msg: string): Promise<LogLine>;
  /** Resolves to the exit code once the process has exited (null when a signal killed it). */
  exited: Promise<number | null>;
}

export interface SpawnedBroker {
  child: ChildProcess;
  url: string;
  /** `host:port` of its Kafka listener. */
  kafkaBootstrap: string;
  /** Resolves to the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/**
 * The backend `start()` serves the HTTP API from. `MINI_KAFKA_E2E_BACKEND=kafka` runs the
 * same HTTP tests against a gateway (`serve --backend kafka`) over a second broker reached
 * only through its Kafka port, the scale-out path (`pnpm --filter @mini-kafka/e2e test:gateway`).
 */
export const e2eBackend: 'local' | 'kafka' = process.env.MINI_KAFKA_E2E_BACKEND === 'kafka' ? 'kafka' : 'local';

/** Settings that belong to the cluster behind a gateway, not to the gateway. */
const CLUSTER_ONLY = new Set(['dataDir', 'inMemory', 'flush', 'segmentBytes', 'retentionMs', 'retentionBytes']);

export class Brokers {
  private readonly started: { close(): Promise<void> }[] = [];
  private readonly children: ChildProcess[] = [];
  private readonly dirs = new TempDirs();

  /** A fresh temporary directory, removed by `cleanup()`. */
  dataDir(): Promise<string> {
    return this.dirs.make('mini-kafka-e2e-');
  }

  /** A broker in this process: in memory, free ports, silent; `options` override. */
  async start(options: BrokerOptions = {}): Promise<Broker> {
    if (e2eBackend === 'kafka') return this.startGateway(options);
    const broker = await createBroker({ inMemory: true, port: 0, kafkaPort: 0, logLevel: 'silent', ...options });
    this.started.push(broker);
    return broker;
  }

  /**
   * A gateway over a fresh cluster broker (its Kafka port only). Typed as a Broker for the
   * HTTP tests that run on both backends: only its `url`, `port` and `config` are there.
   */
  async startGateway(options: BrokerOptions = {}): Promise<Broker> {
    const cluster = await createBroker({
      inMemory: true,
      port: 0,
      kafkaPort: 0,
      logLevel: 'silent',
      groupInitialRebalanceDelayMs: 0,
      ...options,
    });
    const gatewayOptions = Object.fromEntries(Object.entries(options).filter(([key]) => !CLUSTER_ONLY.has(key)));
    const gateway = await createGateway({
      port: 0,
      logLevel: 'silent',
      ...gatewayOptions,
      bootstrapServers: [cluster.kafkaBootstrap!],
    });
    // Closed in reverse: the gateway (its members leave), then the cluster.
    this.started.push(cluster, gateway);
    return gateway as unknown as Broker;
  }

  /**
   * A broker child process on `dataDir`, not waited for: its log lines (parsed JSON) as
   * they come, and its exit code (null when a signal ended it without a handler). `args`
   * are more flags (`['--segment-bytes', '65536']`); they win over the defaults here.
   */
  launch(dataDir: string, args: readonly string[] = []): LaunchedBroker {
    const child = spawn(
      process.execPath,
      [brokerMain, '--port', '0', '--kafka-port', '0', '--data-dir', dataDir, '--log-level', 'info', ...args],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    this.children.push(child);
    // 'close', not 'exit': it comes after the output is read to its end, so `lines` is complete.
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    const lines: LogLine[] = [];
    const listeners = new Set<(line: LogLine) => void>();
    createInterface({ input: child.stdout! }).on('line', (text) => {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        return; // not JSON: ignore
      }
      lines.push(line);
      for (const listener of listeners) listener(line);
    });
    const logged = (msg: string): Promise<LogLine> =>
      new Promise((resolve, reject) => {
        const seen = lines.find((line) => line.msg === msg);
        if (seen !== undefined) return resolve(seen);
        const listener = (line: LogLine): void => {
          if (line.msg !== msg) return;
          listeners.delete(listener);
          resolve(line);
        };
        listeners.add(listener);
        void exited.then((code) => reject(new Error(`broker exited with ${code} before logging "${msg}"`)));
      });
    return { child, lines, logged, exited };
  }

  /** A broker in a child process on `dataDir` (more flags in `args`), resolved once it logs `broker ready`. */
  async spawn(dataDir: string, args: readonly string[] = []): Promise<SpawnedBroker> {
    const { child, logged, exited } = this.launch(dataDir, args);
    const ready = await logged('broker ready');
    return { child, url: String(ready.url), kafkaBootstrap: String(ready.kafka ?? ''), exited };
  }

  async cleanup(): Promise<void> {
    for (const child of this.children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
    }
    for (const broker of this.started.splice(0).reverse()) await broker.close();
    await this.dirs.cleanup();
  }
}
