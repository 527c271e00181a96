/**
 * Loads the topics of a data directory into a TopicRegistry when LogManager opens (Kafka's
 * LogManager.loadLogs): every topic directory the TopicStore's scan finds, its partitions
 * opened a few dozen at a time (PartitionOpener). A directory without a topic.json (a
 * creation that never committed) is skipped with a warning. One whose topic.json cannot be
 * read or is not valid is left out as well, but it holds a topic's records: that is an error
 * line naming the partition directories found, and the registry remembers the name so that
 * no topic is created over them. Partition directories beyond the count topic.json names are
 * an error line too; the topic serves what topic.json says and nothing is removed. A topic
 * written before ids existed, or a copy of another topic's directory, gets a new id, stored
 * atomically. What it could not open is closed again.
 */
import type { LogConfig } from './log-config.js';
import { resolveLogConfig } from './log-config.js';
import type { PartitionOpener } from './partition-opener.js';
import { TOPIC_METADATA_FILE, type TopicMetadata } from './topic-metadata.js';
import type { TopicRegistry } from './topic-registry.js';
import type { TopicStore } from './topic-store.js';

/** What loading found: lines for the log, at warn and at error level. */
export interface LoadFindings {
  warnings: string[];
  errors: string[];
}

function partitionList(found: readonly number[]): string {
  return found.length === 0 ? 'no partition directory' : `partition directories ${found.join(', ')}`;
}

/** Adds every stored topic to `topics`, with its logs open; each problem found is a line in `findings`. */
export async function loadTopics(
  store: TopicStore,
  topics: TopicRegistry,
  partitions: PartitionOpener,
  defaults: LogConfig,
  findings: LoadFindings,
): Promise<void> {
  try {
    for await (const scanned of store.scan()) {
      const { name } = scanned;
      if ('problem' in scanned) {
        if (scanned.missing) {
          findings.warnings.push(`Skipped directory "${name}": no valid ${TOPIC_METADATA_FILE} (${scanned.problem})`);
          continue;
        }
        topics.markUnreadable(name, scanned.problem);
        findings.errors.push(
          `Topic "${name}" is not served: no valid ${TOPIC_METADATA_FILE} (${scanned.problem}); its files ` +
            `(${partitionList(await store.partitionsFound(name))}) are left as they are, and creating a topic ` +
            'of that name is refused until it is repaired or removed',
        );
        continue;
      }
      const stored = scanned.metadata.topicId;
      const holder = stored === undefined ? undefined : topics.nameOf(stored);
      if (holder !== undefined)
        findings.warnings.push(`Topic "${name}" had the id of topic "${holder}"; gave it a new one`);
      const topicId = stored !== undefined && holder === undefined ? stored : topics.newTopicId();
      const metadata: TopicMetadata = { ...scanned.metadata, topicId };
      if (topicId !== stored) await store.write(metadata);
      const found = await store.partitionsFound(name);
      const beyond = found.filter((partition) => partition >= metadata.partitions);
      if (beyond.length > 0) {
        findings.errors.push(
          `Topic "${name}" has ${partitionList(found)} but its ${TOPIC_METADATA_FILE} names ${metadata.partitions} ` +
            `partition(s): partitions ${beyond.join(', ')} are not served (their files are left as they are)`,
        );
      }
      const config = resolveLogConfig(metadata.config, defaults);
      const logs = await partitions.openAll(name, metadata.partitions, config);
      topics.add({ metadata, config, logs });
    }
  } catch (error) {
    await partitions.closeAll(topics.logs()).catch(() => undefined);
    throw error;
  }
}
