/**
 * PartitionOpener: opens and closes the partition logs of LogManager's topics (file logs in
 * the TopicStore's directories, or memory logs when there is no store), so that no topic
 * change leaves files open or half made:
 * - a topic loaded at start-up opens its partitions a few dozen at a time (run-limited.ts);
 *   a partition that cannot be opened is offline (offline-log.ts), the others serve;
 * - a topic created or grown (`create`) opens its new partitions and commits (topic.json);
 *   when anything fails, the logs it opened are discarded, what it made in the topic's
 *   directory is removed (TopicStore.discard) and the error becomes KAFKA_STORAGE_ERROR
 *   naming its cause in words (io-errors.ts);
 * - a log to be deleted is discarded: closed at once, writing nothing (`Log.discard`).
 */
import type { Clock } from '@mini-kafka/protocol/core';
import type { FileSystem } from '../fs/file-system.js';
import { storageError } from '../fs/io-errors.js';
import type { Inflaters } from '../record-batch/compression.js';
import { Log, type SegmentRolled } from './log.js';
import type { LogConfig } from './log-config.js';
import { MemoryLog } from './memory-log.js';
import { OfflineLog, offlineReason } from './offline-log.js';
import type { PartitionLog } from './partition-log.js';
import { forEachLimited } from './run-limited.js';
import type { TopicStore } from './topic-store.js';

/** Logs opened or closed at once (see run-limited.ts). */
const CONCURRENCY = 32;

export interface PartitionOpenerOptions {
  /** Where the file logs live; none: memory logs. */
  store: TopicStore | undefined;
  fs: FileSystem;
  clock: Clock;
  inflaters: Inflaters | undefined;
  producerIdExpirationMs: number | undefined;
  onRoll: ((rolled: SegmentRolled) => void) | undefined;
}

export class PartitionOpener {
  constructor(private readonly options: PartitionOpenerOptions) {}

  /** Opens (or creates) the log of one partition. */
  open(topic: string, partition: number, config: LogConfig): Promise<PartitionLog> {
    const { store, fs, clock, inflaters, producerIdExpirationMs, onRoll } = this.options;
    const options = { topic, partition, config, clock, inflaters, producerIdExpirationMs };
    if (store === undefined) return Promise.resolve(new MemoryLog(options));
    return Log.open({ ...options, directory: store.partitionDirectory(topic, partition), fs, onRoll });
  }

  /**
   * Opens every partition of a stored topic, a few at a time. A partition that cannot be
   * opened is offline (an OfflineLog answering KAFKA_STORAGE_ERROR); every other one serves.
   * When something else fails, closes those it opened and throws.
   */
  async openAll(topic: string, partitions: number, config: LogConfig): Promise<PartitionLog[]> {
    const logs: PartitionLog[] = [];
    try {
      await forEachLimited(Array.from({ length: partitions }), CONCURRENCY, async (_, partition) => {
        logs[partition] = await this.open(topic, partition, config).catch(
          (error: unknown) => new OfflineLog({ topic, partition }, offlineReason(error), error, config),
        );
      });
    } catch (error) {
      await Promise.all(logs.map((log) => log?.close().catch(() => undefined)));
      throw error;
    }
    return logs;
  }

  /**
   * Opens the logs of new partitions [from, to) of topic `topic`, then runs `commit` (writes
   * topic.json). When anything fails, discards the logs it opened, removes what it made in
   * the topic's directory, and throws KAFKA_STORAGE_ERROR "<what>: <the cause in words>".
   */
  async create(
    topic: string,
    [from, to]: readonly [number, number],
    config: LogConfig,
    what: string,
    commit: () => Promise<void> | undefined,
  ): Promise<PartitionLog[]> {
    const { store } = this.options;
    const logs: PartitionLog[] = [];
    let before: readonly string[] | undefined | null = null;
    try {
      before = (await store?.contents(topic)) ?? undefined;
      for (let partition = from; partition < to; partition++) logs.push(await this.open(topic, partition, config));
      await commit();
      return logs;
    } catch (error) {
      await Promise.all(logs.map((log) => discardLog(log).catch(() => undefined)));
      if (before !== null) await store?.discard(topic, before).catch(() => undefined);
      throw storageError(what, error, { topic });
    }
  }

  /** Closes logs cleanly, a few at a time; every one is closed even when some fail, then the first failure is thrown. */
  closeAll(logs: readonly PartitionLog[]): Promise<void> {
    return forEachLimited(logs, CONCURRENCY, (log) => log.close());
  }
}

/** Closes a log whose files are about to be removed: at once and writing nothing when it is a file log. */
export function discardLog(log: PartitionLog): Promise<void> {
  return log instanceof Log ? log.discard() : log.close();
}
