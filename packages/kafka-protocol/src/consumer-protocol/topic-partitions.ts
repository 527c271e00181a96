/**
 * The (topic, partitions) pair both consumer-protocol schemas use:
 *
 *   topic string, partitions [int32]
 */
import type { Reader } from '../primitives/reader.js';
import type { Writer } from '../primitives/writer.js';

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

export function readTopicPartitions(r: Reader): TopicPartitions {
  return { topic: r.string(), partitions: r.int32Array() };
}

export function writeTopicPartitions(w: Writer, entry: TopicPartitions): void {
  w.string(entry.topic).int32Array(entry.partitions);
}
