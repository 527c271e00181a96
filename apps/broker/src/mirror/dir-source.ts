/**
 * A MirrorSource over a data directory: the storage package's LogManager opened on it (which
 * takes the directory's lock, so the broker that owns it must be stopped; a held lock is
 * reported as such) and the coordinator's offsets store read offline (verifyOffsetsStore, the
 * reader `mini-kafka verify` uses; it takes no lock and writes nothing).
 */
import { verifyOffsetsStore } from '@mini-kafka/coordinator';
import { LogManager } from '@mini-kafka/storage';
import type { MirrorSource, SourceGroupOffset, SourceRead, SourceTopic } from './mirror-source.js';

export class DirSource implements MirrorSource {
  private constructor(
    private readonly dataDir: string,
    private readonly logs: LogManager,
  ) {}

  static async open(dataDir: string): Promise<DirSource> {
    let logs: LogManager;
    try {
      logs = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const cause = (error as { cause?: unknown }).cause;
      const locked = /in use|already open/i.test(`${message} ${cause instanceof Error ? cause.message : ''}`);
      throw new Error(
        locked
          ? `${dataDir} is in use (its lock is held): stop the broker that owns it, or mirror with --from host:port`
          : `Cannot open ${dataDir}: ${message}`,
      );
    }
    return new DirSource(dataDir, logs);
  }

  async topics(): Promise<SourceTopic[]> {
    return this.logs
      .listTopics()
      .map((topic) => ({
        name: topic.name,
        partitions: topic.partitions,
        configs: Object.fromEntries(
          this.logs
            .describeTopicConfigs(topic.name)
            .filter((entry) => entry.source === 'TOPIC_CONFIG' && entry.value !== null)
            .map((entry) => [entry.name, entry.value as string]),
        ),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async bounds(topic: string, partition: number): Promise<{ start: number; end: number }> {
    const log = this.logs.getLog(topic, partition);
    return { start: log.logStartOffset, end: log.lastStableOffset };
  }

  async read(
    topic: string,
    partition: number,
    offset: number,
    maxRecords: number,
    maxBytes: number,
  ): Promise<SourceRead> {
    const log = this.logs.getLog(topic, partition);
    if (offset >= log.lastStableOffset) return { records: [], nextOffset: offset };
    const result = await log.read(offset, { isolation: 'read_committed', maxRecords, maxBytes });
    return { records: result.records, nextOffset: result.nextOffset };
  }

  async groupOffsets(): Promise<SourceGroupOffset[]> {
    const store = await verifyOffsetsStore(this.dataDir);
    return store.commits.map(({ group, topic, partition, offset }) => ({ group, topic, partition, offset }));
  }

  close(): Promise<void> {
    return this.logs.close();
  }
}
