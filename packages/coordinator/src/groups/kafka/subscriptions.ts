/**
 * What the members of a Kafka group subscribe to, read from their JoinGroup metadata with
 * the consumer protocol's decoder (ConsumerProtocolSubscription). Only OffsetDelete asks
 * (Kafka's isSubscribedToTopic): the state machine itself never parses these bytes.
 */
import { decodeSubscription } from '@mini-kafka/kafka-protocol';
import type { KafkaGroup } from './group.js';

/** Kafka's protocol type for consumers: the only groups whose metadata is a subscription. */
export const CONSUMER_PROTOCOL_TYPE = 'consumer';

/**
 * The union of the members' subscribed topics, or `'all'` when a member's metadata does not
 * decode: then no topic is known to be free, and nothing is deleted from under it.
 */
export function subscribedTopics(group: KafkaGroup): ReadonlySet<string> | 'all' {
  const topics = new Set<string>();
  for (const member of group.memberList()) {
    const chosen = group.protocolName !== null && member.supports(group.protocolName) ? group.protocolName : undefined;
    const metadata = chosen === undefined ? member.protocols[0]?.metadata : member.metadataFor(chosen);
    if (metadata === undefined) return 'all';
    try {
      for (const topic of decodeSubscription(metadata).topics) topics.add(topic);
    } catch {
      return 'all';
    }
  }
  return topics;
}
