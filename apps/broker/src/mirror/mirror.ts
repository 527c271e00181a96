/**
 * `mini-kafka mirror`: copies topics (partition counts and the configs set on them),
 * their records, and groups' committed offsets (translated to destination offsets) from a
 * source to a destination cluster, for moving off one Mini Kafka onto a Kafka cluster.
 * A run copies everything there is, then the offsets; `follow` keeps doing both, once a
 * second, until `signal` aborts. Progress is reported as it goes; state is saved after
 * every round, so an interrupted run resumes where the destination says it got to.
 */
import { isMiniKafkaError } from '@mini-kafka/protocol';
import type { ClusterClient } from '../cluster/cluster-client.js';
import { listGroups } from '../cluster/group-client.js';
import {
  createPartitions,
  createTopic,
  describeTopicConfigs,
  listTopics,
  requireTopic,
} from '../cluster/topic-admin.js';
import { commitOffsets, committedOffsets } from '../gateway/groups/group-offsets.js';
import type { MirrorState } from './mirror-state.js';
import { type CopyPosition, copyNext, resume, translateOffset } from './partition-copy.js';

export interface MirrorOptions {
  source: ClusterClient;
  destination: ClusterClient;
  state: MirrorState;
  topics: RegExp;
  groups: RegExp;
  follow: boolean;
  signal?: AbortSignal;
  /** Called about once a second, and at the end. */
  progress?: (report: MirrorProgress) => void;
  followIntervalMs?: number;
}

export interface MirrorProgress {
  topics: number;
  partitions: number;
  copied: number;
  /** Records the source holds that are not copied yet (as last seen). */
  behind: number;
  groups: number;
  offsetsCommitted: number;
  done: boolean;
}

interface PartitionCopy {
  topic: string;
  partition: number;
  position: CopyPosition;
  sourceEnd: number;
}

/** Creates the topic in the destination like the source's (partitions, configs set on it); grows it if it has fewer. */
async function ensureTopic(
  source: ClusterClient,
  destination: ClusterClient,
  name: string,
  partitions: number,
): Promise<void> {
  const existing = await requireTopic(destination, name, true).catch(() => undefined);
  if (existing === undefined) {
    const configs = Object.fromEntries(
      (await describeTopicConfigs(source, name))
        .filter((c) => c.source === 'TOPIC_CONFIG' && c.value !== null)
        .map((c) => [c.name, c.value!]),
    );
    try {
      await createTopic(destination, { name, partitions, configs });
    } catch (error) {
      if (!isMiniKafkaError(error, 'TOPIC_ALREADY_EXISTS')) throw error;
    }
    return;
  }
  if (existing.partitions < partitions) await createPartitions(destination, name, partitions);
}

export async function runMirror(options: MirrorOptions): Promise<MirrorProgress> {
  const { source, destination, state } = options;
  const aborted = (): boolean => options.signal?.aborted === true;
  const copies = new Map<string, PartitionCopy>();
  const report: MirrorProgress = {
    topics: 0,
    partitions: 0,
    copied: 0,
    behind: 0,
    groups: 0,
    offsetsCommitted: 0,
    done: false,
  };
  let lastReport = 0;
  const tell = (force = false): void => {
    const now = Date.now();
    if (!force && now - lastReport < 1_000) return;
    lastReport = now;
    report.behind = [...copies.values()].reduce((sum, c) => sum + Math.max(0, c.sourceEnd - c.position.source), 0);
    options.progress?.({ ...report });
  };

  const discover = async (): Promise<void> => {
    const topics = (await listTopics(source)).filter((t) => options.topics.test(t.name));
    report.topics = topics.length;
    for (const topic of topics) {
      await ensureTopic(source, destination, topic.name, topic.partitions);
      for (let partition = 0; partition < topic.partitions; partition++) {
        const key = `${topic.name}/${partition}`;
        if (copies.has(key)) continue;
        const position = await resume(source, destination, state, topic.name, partition);
        copies.set(key, { topic: topic.name, partition, position, sourceEnd: position.source });
      }
    }
    report.partitions = copies.size;
  };

  /** Copies until every partition is caught up (or the signal aborts). */
  const copyAll = async (): Promise<void> => {
    for (let progressed = true; progressed && !aborted(); ) {
      progressed = false;
      for (const copy of copies.values()) {
        if (aborted()) break;
        const before = copy.position.source;
        const { copied, sourceEnd } = await copyNext(
          source,
          destination,
          state,
          copy.topic,
          copy.partition,
          copy.position,
        );
        copy.sourceEnd = sourceEnd;
        report.copied += copied;
        if (copied > 0 || copy.position.source !== before) progressed = true;
        tell();
      }
      await state.save();
    }
  };

  const copyOffsets = async (): Promise<void> => {
    const groups = (await listGroups(source)).filter((g) => options.groups.test(g.groupId));
    report.groups = groups.length;
    for (const { groupId } of groups) {
      const offsets = [];
      for (const committed of await committedOffsets(source, groupId)) {
        const copy = copies.get(`${committed.topic}/${committed.partition}`);
        if (copy === undefined) continue;
        const translated = await translateOffset(
          source,
          state,
          committed.topic,
          committed.partition,
          committed.offset,
          copy.position,
        );
        const key = `${groupId}/${committed.topic}/${committed.partition}`;
        if (translated === undefined || state.data.groups[key] === translated) continue;
        offsets.push({
          topic: committed.topic,
          partition: committed.partition,
          offset: translated,
          metadata: committed.metadata,
          key,
        });
      }
      if (offsets.length === 0) continue;
      await commitOffsets(destination, groupId, undefined, offsets);
      for (const { key, offset } of offsets) state.data.groups[key] = offset;
      report.offsetsCommitted += offsets.length;
    }
    await state.save();
  };

  do {
    await discover();
    await copyAll();
    if (aborted()) break;
    await copyOffsets();
    tell(true);
    if (!options.follow) break;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.followIntervalMs ?? 1_000);
      options.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  } while (!aborted());
  await state.save();
  report.done = !aborted();
  tell(true);
  return { ...report };
}
