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
import { type Broker, type BrokerOptions, createBroker } from '@mini-kafka/broker';
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

export class Brokers {
  private readonly started: Broker[] = [];
  private readonly children: ChildProcess[] = [];
  private readonly dirs = new TempDirs();

  /** A fresh temporary directory, removed by `cleanup()`. */
  dataDir(): Promise<string> {
    return this.dirs.make('mini-kafka-e2e-');
  }

  /** A broker in this process: in memory, free ports, silent; `options` override. */
  async start(options: BrokerOptions = {}): Promise<Broker> {
    const broker = await createBroker({ inMemory: true, port: 0, kafkaPort: 0, logLevel: 'silent', ...options });
    this.started.push(broker);
    return broker;
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
    for (const broker of this.started.splice(0)) await broker.close();
    await this.dirs.cleanup();
  }
}
