/**
 * Loads the topics of a data directory into a TopicRegistry when LogManager opens (Kafka's
 * LogManager.loadLogs): every topic directory the TopicStore's scan finds, its partitions
 * opened a few dozen at a time (PartitionOpener). A directory without a valid topic.json is
 * skipped with a warning; a topic written before ids existed, or a copy of another topic's
 * directory, gets a new id, stored atomically. What it could not open is closed again.
 */
import type { LogConfig } from './log-config.js';
import { resolveLogConfig } from './log-config.js';
import type { PartitionOpener } from './partition-opener.js';
import { TOPIC_METADATA_FILE, type TopicMetadata } from './topic-metadata.js';
import type { TopicRegistry } from './topic-registry.js';
import type { TopicStore } from './topic-store.js';

/** Adds every stored topic to `topics`, with its logs open; each problem found is a line in `warnings`. */
export async function loadTopics(
  store: TopicStore,
  topics: TopicRegistry,
  partitions: PartitionOpener,
  defaults: LogConfig,
  warnings: string[],
): Promise<void> {
  try {
    for await (const scanned of store.scan()) {
      const { name } = scanned;
      if ('problem' in scanned) {
        warnings.push(`Skipped directory "${name}": no valid ${TOPIC_METADATA_FILE} (${scanned.problem})`);
        continue;
      }
      const stored = scanned.metadata.topicId;
      const holder = stored === undefined ? undefined : topics.nameOf(stored);
      if (holder !== undefined) warnings.push(`Topic "${name}" had the id of topic "${holder}"; gave it a new one`);
      const topicId = stored !== undefined && holder === undefined ? stored : topics.newTopicId();
      const metadata: TopicMetadata = { ...scanned.metadata, topicId };
      if (topicId !== stored) await store.write(metadata);
      const config = resolveLogConfig(metadata.config, defaults);
      const logs = await partitions.openAll(name, metadata.partitions, config);
      topics.add({ metadata, config, logs });
    }
  } catch (error) {
    await partitions.closeAll(topics.logs()).catch(() => undefined);
    throw error;
  }
}
