/**
 * The broker child process of the disk-full scenario (flush `always`, 128 KiB segments) on
 * its data directory, started again on the same directory after a SIGKILL (the disk full)
 * or a SIGTERM (a clean stop), with the Kafka proxy kept pointing at whichever one runs.
 * `tearLastWrite` leaves an interrupted write for a start to find. Reports what a start logged at error level (a "DATA LOSS" line, an offline partition) and
 * which partitions are offline: KAFKA_STORAGE_ERROR until a restart, by the broker's design,
 * when a start could not open them.
 */
import { appendFile, readdir, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { Brokers, LaunchedBroker, LogLine } from '../support/brokers.js';
import type { DroppingProxy } from '../support/dropping-proxy.js';
import type { TopicSpec } from './crash-verify.js';
import { request } from './disk-full-refusals.js';

const BROKER_ARGS = ['--flush', 'always', '--segment-bytes', '131072', '--group-initial-rebalance-delay-ms', '0'];

/** The first bytes of a batch whose write never finished (a size, then less than it announces). */
const TORN_BATCH = Buffer.from([0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 1, 0, 1, 2, 3]);

/**
 * Leaves what a kill in the middle of a write would: the start of a batch at the end of the
 * active segment of the log in `directory` (a partition's, or the offsets log's). On the full
 * disk it takes a page from `ballast` (another program's file) for the bytes, then fills the
 * disk up again with that file.
 */
export async function tearLastWrite(directory: string, ballast: string): Promise<void> {
  const active = (await readdir(directory)).filter((name) => name.endsWith('.log')).sort();
  await truncate(ballast, Math.max(0, (await stat(ballast)).size - 4096));
  await appendFile(join(directory, active.at(-1)!), TORN_BATCH);
  try {
    for (;;) await appendFile(ballast, Buffer.alloc(4096, 1));
  } catch {
    // full again
  }
}

export interface OfflinePartition {
  topic: string;
  partition: number;
}

export class DiskBroker {
  private constructor(
    private readonly brokers: Brokers,
    private readonly dataDir: string,
    private launched: LaunchedBroker,
    /** The HTTP base URL. */
    public url: string,
    /** The broker's own Kafka port (the proxy's target). */
    public kafkaPort: number,
  ) {}

  static async start(brokers: Brokers, dataDir: string): Promise<DiskBroker> {
    const { launched, url, kafkaPort } = await launch(brokers, dataDir);
    return new DiskBroker(brokers, dataDir, launched, url, kafkaPort);
  }

  /** Stops the broker with `signal`; resolves once it has exited. */
  async stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
    this.launched.child.kill(signal);
    await this.launched.exited;
  }

  /**
   * Starts a new broker on the same directory (the last one stopped), `proxy` then sending new
   * connections to it. Resolves to the lines it logged at error level while starting; rejects
   * when it exits before it is ready.
   */
  async startAgain(proxy: DroppingProxy): Promise<LogLine[]> {
    const { launched, url, kafkaPort } = await launch(this.brokers, this.dataDir);
    this.launched = launched;
    this.url = url;
    this.kafkaPort = kafkaPort;
    proxy.retarget({ host: '127.0.0.1', port: kafkaPort });
    return launched.lines.filter((line) => (line.level ?? 0) >= 50);
  }

  /** Partitions of `topics` the broker reports offline. */
  async offlinePartitions(topics: Iterable<TopicSpec>): Promise<OfflinePartition[]> {
    const offline: OfflinePartition[] = [];
    for (const { name } of topics) {
      const described = await request(this.url, 'GET', `/v1/topics/${name}`);
      if (described.status !== 200) throw new Error(`GET /v1/topics/${name} answered ${described.status}`);
      for (const details of described.body.partitionDetails as { partition: number; offline?: unknown }[]) {
        if (details.offline) offline.push({ topic: name, partition: details.partition });
      }
    }
    return offline;
  }
}

async function launch(
  brokers: Brokers,
  dataDir: string,
): Promise<{ launched: LaunchedBroker; url: string; kafkaPort: number }> {
  const launched = brokers.launch(dataDir, BROKER_ARGS);
  const ready = await launched.logged('broker ready').catch((error: Error) => {
    const last = launched.lines.slice(-3).map((line) => JSON.stringify(line).slice(0, 300));
    throw new Error(`${error.message}; its last log lines: ${last.join(' | ')}`);
  });
  const kafka = String(ready.kafka ?? '');
  return { launched, url: String(ready.url), kafkaPort: Number(kafka.slice(kafka.lastIndexOf(':') + 1)) };
}
