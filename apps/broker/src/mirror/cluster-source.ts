/**
 * A MirrorSource over a running broker (Mini Kafka or any Kafka) through its Kafka port: the
 * cluster client's Metadata, DescribeConfigs, ListOffsets and Fetch (read_committed), and
 * ListGroups + OffsetFetch for the groups' commits.
 */
import { ClusterClient, type ClusterClientOptions } from '../cluster/cluster-client.js';
import { throwIfError } from '../cluster/cluster-errors.js';
import { listGroups, offsetFetch } from '../cluster/group-client.js';
import { completeBatches, decodeFetched, fetch, listOffset } from '../cluster/partition-io.js';
import { describeTopicConfigs, listTopics } from '../cluster/topic-admin.js';
import type { MirrorSource, SourceGroupOffset, SourceRead, SourceTopic } from './mirror-source.js';

export class ClusterSource implements MirrorSource {
  private constructor(private readonly client: ClusterClient) {}

  static async connect(options: ClusterClientOptions): Promise<ClusterSource> {
    return new ClusterSource(await ClusterClient.connect({ clientId: 'mini-kafka-mirror', ...options }));
  }

  async topics(): Promise<SourceTopic[]> {
    const topics = await listTopics(this.client);
    return Promise.all(
      topics.map(async (topic) => ({
        name: topic.name,
        partitions: topic.partitions,
        configs: Object.fromEntries(
          (await describeTopicConfigs(this.client, topic.name))
            .filter((entry) => entry.source === 'TOPIC_CONFIG' && entry.value !== null)
            .map((entry) => [entry.name, entry.value as string]),
        ),
      })),
    );
  }

  async bounds(topic: string, partition: number): Promise<{ start: number; end: number }> {
    const [start, end] = await Promise.all([
      listOffset(this.client, topic, partition, -2),
      listOffset(this.client, topic, partition, -1, 'read_committed'),
    ]);
    return { start: start.offset, end: end.offset };
  }

  async read(
    topic: string,
    partition: number,
    offset: number,
    maxRecords: number,
    maxBytes: number,
  ): Promise<SourceRead> {
    const [fetched] = await fetch(this.client, [{ topic, partition, offset, maxBytes }], {
      maxWaitMs: 0,
      maxBytes,
      isolation: 'read_committed',
    });
    if (fetched === undefined) return { records: [], nextOffset: offset };
    throwIfError(fetched.errorCode, `Fetching ${topic}-${partition} at ${offset}`, { topic, partition });
    const all = decodeFetched(fetched, 'read_committed');
    const records = all.filter((record) => record.offset >= offset).slice(0, maxRecords);
    const last = records.at(-1);
    if (last !== undefined && records.length < all.filter((record) => record.offset >= offset).length) {
      return { records, nextOffset: last.offset + 1 };
    }
    return {
      records,
      nextOffset: Math.max(offset, batchesEnd(completeBatches(fetched.records)), (last?.offset ?? -1) + 1),
    };
  }

  async groupOffsets(): Promise<SourceGroupOffset[]> {
    const offsets: SourceGroupOffset[] = [];
    for (const { groupId } of await listGroups(this.client)) {
      const answer = await offsetFetch(this.client, groupId, { groupId, topics: null, requireStable: false });
      throwIfError(answer.errorCode ?? 0, `Fetching the offsets of group "${groupId}"`);
      for (const topic of answer.topics ?? []) {
        for (const p of topic.partitions) {
          if (p.errorCode === 0 && p.committedOffset >= 0) {
            offsets.push({ group: groupId, topic: topic.name, partition: p.partitionIndex, offset: p.committedOffset });
          }
        }
      }
    }
    return offsets;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** One past the last offset of the last whole batch in `bytes` (0 when there is none). */
function batchesEnd(bytes: Buffer): number {
  let end = 0;
  for (let at = 0; at + 27 <= bytes.length; ) {
    const length = bytes.readInt32BE(at + 8);
    end = Number(bytes.readBigInt64BE(at)) + bytes.readInt32BE(at + 23) + 1;
    at += 12 + length;
  }
  return end;
}
