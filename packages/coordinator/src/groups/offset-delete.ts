/**
 * Which committed offsets an offset delete may remove (Kafka's handleDeleteOffsets): all
 * the named ones of a group without members; of a group with members, those of topics no
 * member subscribes to (the others answer GROUP_SUBSCRIBED_TO_TOPIC). An active Kafka group
 * whose protocol type is not "consumer" has no readable subscriptions: NON_EMPTY_GROUP for
 * the whole request. Partitions that do not exist answer UNKNOWN_TOPIC_OR_PARTITION.
 */
import { ERROR_CODES, type TopicPartition, topicPartitionKey } from '@mini-kafka/protocol/core';
import type { BrokerView } from '../broker-view.js';
import { nonEmptyGroup } from './errors.js';
import type { HttpGroup } from './http/group.js';
import type { KafkaGroup } from './kafka/group.js';
import { CONSUMER_PROTOCOL_TYPE, subscribedTopics } from './kafka/subscriptions.js';

/** The most partitions one offset delete may name. */
export const MAX_DELETED_PARTITIONS = 100_000;

/** A partition's answer in a batch: Kafka's numeric error code, 0 for done. */
export interface PartitionResult {
  topic: string;
  partition: number;
  errorCode: number;
}

export function planOffsetDelete(
  groupId: string,
  kafkaGroup: KafkaGroup | undefined,
  httpGroup: HttpGroup | undefined,
  broker: BrokerView,
  partitions: readonly TopicPartition[],
): { results: PartitionResult[]; deletable: Set<string> } {
  let subscribed: (topic: string) => boolean = () => false;
  if (kafkaGroup !== undefined && kafkaGroup.state !== 'Empty') {
    if (kafkaGroup.protocolType !== CONSUMER_PROTOCOL_TYPE) throw nonEmptyGroup(groupId, kafkaGroup.size);
    const topics = subscribedTopics(kafkaGroup);
    subscribed = (topic) => topics === 'all' || topics.has(topic);
  } else if (httpGroup !== undefined) {
    subscribed = (topic) => httpGroup.subscribesTo(topic);
  }
  const deletable = new Set<string>();
  const results = partitions.map(({ topic, partition }): PartitionResult => {
    const count = typeof topic === 'string' ? broker.partitionCount(topic) : undefined;
    if (count === undefined || !Number.isSafeInteger(partition) || partition < 0 || partition >= count)
      return { topic, partition, errorCode: ERROR_CODES.UNKNOWN_TOPIC_OR_PARTITION.code };
    if (subscribed(topic)) return { topic, partition, errorCode: ERROR_CODES.GROUP_SUBSCRIBED_TO_TOPIC.code };
    deletable.add(topicPartitionKey(topic, partition));
    return { topic, partition, errorCode: 0 };
  });
  return { results, deletable };
}
