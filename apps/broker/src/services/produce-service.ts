/**
 * Produce: picks each record's partition (explicit, by key with Kafka's murmur2, or
 * round-robin), checks every record's size before anything is written, then appends one
 * atomic write per partition (records split into batches no larger than the log allows),
 * all partitions concurrently. Answers each record's partition and offset in request order.
 */
import { type Clock, MiniKafkaError, Partitioner } from '@mini-kafka/protocol';
import { encodeRecordBatch, type LogManager, type RecordInput } from '@mini-kafka/storage';
import { type ProduceInput, recordSize } from './record-json.js';

export interface ProduceSettings {
  autoCreateTopics: boolean;
  defaultPartitions: number;
  maxMessageBytes: number;
}

/** Per-record overhead bound used to keep batches under the limit without a second encode. */
const RECORD_OVERHEAD = 32;
const BATCH_OVERHEAD = 61;

export class ProduceService {
  private readonly partitioner = new Partitioner();

  constructor(
    private readonly logs: LogManager,
    private readonly settings: ProduceSettings,
    private readonly clock: Clock,
  ) {}

  /** Makes sure the topic exists (creating it when allowed); resolves to its partition count. */
  async ensureTopic(topic: string): Promise<number> {
    const existing = this.logs.getTopic(topic);
    if (existing !== undefined) return existing.partitions;
    if (!this.settings.autoCreateTopics) {
      throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic "${topic}" does not exist`, { details: { topic } });
    }
    const { topic: created } = await this.logs.createTopic(
      topic,
      { partitions: this.settings.defaultPartitions },
      true,
    );
    return created.partitions;
  }

  async produce(topic: string, records: readonly ProduceInput[]): Promise<{ partition: number; offset: number }[]> {
    const sizes = records.map((record, i) => {
      const size = recordSize(record);
      if (size > this.settings.maxMessageBytes) {
        throw new MiniKafkaError(
          'MESSAGE_TOO_LARGE',
          `Record ${i} for topic "${topic}" is ${size} bytes; the limit is ${this.settings.maxMessageBytes}`,
          { details: { topic, size, limit: this.settings.maxMessageBytes } },
        );
      }
      return size;
    });
    const partitions = await this.ensureTopic(topic);
    const order = new Map<number, number[]>();
    records.forEach((record, i) => {
      const partition = this.partitioner.partition({ topic, partitions, key: record.key, partition: record.partition });
      let indices = order.get(partition);
      if (indices === undefined) {
        indices = [];
        order.set(partition, indices);
      }
      indices.push(i);
    });
    const limit = this.logs.getTopic(topic)?.effectiveConfig.maxBatchBytes ?? 1024 * 1024;

    const results = new Array<{ partition: number; offset: number }>(records.length);
    const now = this.clock.now();
    await Promise.all(
      [...order].map(async ([partition, indices]) => {
        const log = this.logs.getLog(topic, partition);
        const batches = this.encode(
          indices.map((i) => records[i]!),
          indices.map((i) => sizes[i]!),
          limit,
          now,
        );
        const { baseOffset } = await log.appendBatch(batches.length === 1 ? batches[0]! : Buffer.concat(batches));
        indices.forEach((recordIndex, position) => {
          results[recordIndex] = { partition, offset: baseOffset + position };
        });
      }),
    );
    return results;
  }

  /** Encodes records into as few batches as fit under `limit` bytes each. */
  private encode(records: readonly RecordInput[], sizes: readonly number[], limit: number, now: number): Buffer[] {
    const batches: Buffer[] = [];
    let start = 0;
    let estimate = BATCH_OVERHEAD;
    for (let i = 0; i < records.length; i++) {
      const size = sizes[i]! + RECORD_OVERHEAD + 8 * (records[i]!.headers?.length ?? 0);
      if (i > start && estimate + size > limit) {
        batches.push(encodeRecordBatch(records.slice(start, i), { timestamp: now }));
        start = i;
        estimate = BATCH_OVERHEAD;
      }
      estimate += size;
    }
    batches.push(encodeRecordBatch(records.slice(start), { timestamp: now }));
    return batches;
  }
}
