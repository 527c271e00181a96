/**
 * TopicRegistry: the topics a LogManager holds, by name and by topic id, each with its
 * effective config and one log per partition, and the copies of them callers get
 * (`describeTopic`). State only, no I/O: the manager writes the files (topic-store.ts) and
 * adds and removes topics here, which keeps both maps in step.
 * Lookups that miss are UNKNOWN_TOPIC_OR_PARTITION, naming at most 249 characters of the
 * topic (Kafka's longest name). It also keeps the names whose directory holds a topic.json
 * that cannot be read: such a topic is not served, and no topic of its name may be created
 * (`assertCreatable`), so a new topic never takes over the old one's files.
 */
import { randomUUID } from 'node:crypto';
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import type { LogConfig } from './log-config.js';
import type { PartitionLog } from './partition-log.js';
import type { TopicCounts } from './topic-limits.js';
import type { TopicMetadata } from './topic-metadata.js';

/** A topic as held: what topic.json says, the config in force, one log per partition. */
export interface Topic {
  metadata: TopicMetadata;
  config: LogConfig;
  logs: PartitionLog[];
}

/** A topic as LogManager describes it: its metadata, and the config in force. */
export interface TopicDescription extends TopicMetadata {
  /** The effective config: defaults with the topic's overrides. */
  effectiveConfig: LogConfig;
}

/** A description of `topic`, a copy the caller may keep. */
export function describeTopic(topic: Topic): TopicDescription {
  return {
    ...topic.metadata,
    config: { ...topic.metadata.config },
    acceptedConfigs: { ...topic.metadata.acceptedConfigs },
    effectiveConfig: { ...topic.config },
  };
}

export class TopicRegistry {
  private readonly byName = new Map<string, Topic>();
  /** Topic id → topic name, for every topic in `byName`. */
  private readonly names = new Map<string, string>();
  /** Topic name → why its topic.json cannot be used, for directories left out at load. */
  private readonly unreadable = new Map<string, string>();

  get(name: string): Topic | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The topic `name`, or UNKNOWN_TOPIC_OR_PARTITION. */
  require(name: string): Topic {
    const topic = this.byName.get(name);
    if (topic === undefined) {
      throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', this.missing(name), { details: { topic: name } });
    }
    return topic;
  }

  /** Notes that topic `name`'s directory holds a topic.json that cannot be used, and why. */
  markUnreadable(name: string, problem: string): void {
    this.unreadable.set(name, problem);
  }

  /** The topics whose topic.json cannot be used, by name, with why. */
  unreadableTopics(): { name: string; problem: string }[] {
    return [...this.unreadable].map(([name, problem]) => ({ name, problem }));
  }

  /** Throws KAFKA_STORAGE_ERROR when topic `name`'s directory holds metadata that cannot be read. */
  assertCreatable(name: string): void {
    const problem = this.unreadable.get(name);
    if (problem === undefined) return;
    throw new MiniKafkaError(
      'KAFKA_STORAGE_ERROR',
      `Topic "${name}" cannot be created: the data directory holds its files with a topic.json that cannot be read ` +
        `(${problem}); repair or remove it, then restart the broker`,
      { details: { topic: name } },
    );
  }

  /** Why there is no topic `name`: it does not exist, or its metadata cannot be read. */
  private missing(name: string): string {
    const problem = this.unreadable.get(name);
    return problem === undefined
      ? `Topic "${name.slice(0, 249)}" does not exist`
      : `Topic "${name}" is not served: its topic.json cannot be read (${problem})`;
  }

  /** The name of the topic with id `id`, or `undefined` when there is none. */
  nameOf(id: string): string | undefined {
    return this.names.get(id);
  }

  /** A random topic id no topic here has. */
  newTopicId(): string {
    for (;;) {
      const id = randomUUID();
      if (!this.names.has(id)) return id;
    }
  }

  add(topic: Topic): void {
    this.byName.set(topic.metadata.name, topic);
    this.names.set(topic.metadata.topicId, topic.metadata.name);
  }

  /** Forgets topic `name`, if there is one. */
  remove(name: string): void {
    const topic = this.byName.get(name);
    if (topic === undefined) return;
    this.byName.delete(name);
    this.names.delete(topic.metadata.topicId);
  }

  /** Every topic, in the order they were added. */
  topics(): Topic[] {
    return [...this.byName.values()];
  }

  /** Topics held, and partitions across them. */
  counts(): TopicCounts {
    let partitions = 0;
    for (const topic of this.byName.values()) partitions += topic.metadata.partitions;
    return { topics: this.byName.size, partitions };
  }

  /** Every partition log of every topic. */
  logs(): PartitionLog[] {
    return this.topics().flatMap((topic) => topic.logs);
  }

  /** The log of a partition, or UNKNOWN_TOPIC_OR_PARTITION. */
  log(topic: string, partition: number): PartitionLog {
    const log = this.byName.get(topic)?.logs[partition];
    if (log === undefined || !Number.isSafeInteger(partition)) {
      throw new MiniKafkaError(
        'UNKNOWN_TOPIC_OR_PARTITION',
        this.byName.has(topic)
          ? `Topic "${topic}" has no partition ${Number.isSafeInteger(partition) ? partition : '(invalid)'}`
          : this.missing(topic),
        { details: { topic: topic.slice(0, 249), partition: Number.isSafeInteger(partition) ? partition : -1 } },
      );
    }
    return log;
  }
}
