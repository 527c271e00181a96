/**
 * Metadata (3) v0–12: one broker (node 0, the advertised address), the controller, and the
 * topics asked for (all of them for a null list). A missing topic is created when the
 * request allows it and the broker's auto-create setting does; otherwise it is
 * UNKNOWN_TOPIC_OR_PARTITION. Every partition is led by node 0 with replicas and ISR [0],
 * leader epoch 0, but an offline one (see describeTopic). Topics carry their ids (v10+) and may be asked for by id alone (null
 * name); an id no topic has is UNKNOWN_TOPIC_ID. Authorized operations (v8+), when asked
 * for, are what the session may do (authorized-operations.ts).
 *
 * Authorization, as Kafka's: listing every topic lists only those the session may Describe;
 * a topic asked for by name without Describe is TOPIC_AUTHORIZATION_FAILED whether it exists
 * or not (by id: the same, with a null name); auto-creation needs Create on the cluster or on
 * the topic, else TOPIC_AUTHORIZATION_FAILED.
 */

import { Metadata, type MetadataTopic, ZERO_UUID } from '@mini-kafka/kafka-protocol';
import { topicNameProblem } from '@mini-kafka/protocol/core';
import { OfflineLog } from '@mini-kafka/storage';
import { mayOnCluster, mayOnTopic } from '../access.js';
import { authorizedOperations } from '../authorized-operations.js';
import { code, errorCodeOf, NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';
import { CLUSTER_ID, NODE_ID } from '../kafka-context.js';

/**
 * A topic's metadata. A partition that is offline (its directory could not be opened) has no
 * leader, as in Kafka when the only replica's log dir has failed: LEADER_NOT_AVAILABLE, leader
 * -1, the broker among the offline replicas. Clients then send keyless records elsewhere and
 * retry the rest.
 */
function describeTopic(
  name: string,
  topicId: string | undefined,
  partitions: number,
  operations: number,
  offline: (partition: number) => boolean,
): MetadataTopic {
  return {
    errorCode: NONE,
    topicAuthorizedOperations: operations,
    name,
    topicId: topicId ?? ZERO_UUID,
    isInternal: false,
    partitions: Array.from({ length: partitions }, (_, partitionIndex) =>
      offline(partitionIndex)
        ? {
            errorCode: code('LEADER_NOT_AVAILABLE'),
            partitionIndex,
            leaderId: -1,
            leaderEpoch: 0,
            replicaNodes: [NODE_ID],
            isrNodes: [],
            offlineReplicas: [NODE_ID],
          }
        : {
            errorCode: NONE,
            partitionIndex,
            leaderId: NODE_ID,
            leaderEpoch: 0,
            replicaNodes: [NODE_ID],
            isrNodes: [NODE_ID],
          },
    ),
  };
}

export const metadataHandler = defineHandler({
  codec: Metadata,
  minVersion: 0,
  maxVersion: 12,
  async handle(request, source, ctx) {
    const { host, port } = ctx.advertised();
    const { authorizer } = ctx.security;
    const topicOperations = (name: string) =>
      authorizedOperations(authorizer, source.session, 'topic', name, request.includeTopicAuthorizedOperations);
    const refused = (name: string | null, topicId?: string): MetadataTopic => ({
      errorCode: code('TOPIC_AUTHORIZATION_FAILED'),
      name,
      ...(topicId === undefined ? {} : { topicId }),
      isInternal: false,
      partitions: [],
    });
    const offline = (name: string) => (partition: number) => {
      try {
        return ctx.logs.getLog(name, partition) instanceof OfflineLog;
      } catch {
        return false;
      }
    };
    const describe = (name: string, topicId: string | undefined, partitions: number) =>
      describeTopic(name, topicId, partitions, topicOperations(name), offline(name));
    const topics: MetadataTopic[] = [];
    if (request.topics === null) {
      for (const topic of ctx.logs.listTopics())
        if (mayOnTopic(ctx, source, 'Describe', topic.name))
          topics.push(describe(topic.name, topic.topicId, topic.partitions));
    } else {
      for (const { name, topicId } of request.topics) {
        const byName = name ?? ctx.logs.topicName(topicId);
        if (byName === undefined) {
          topics.push({ errorCode: code('UNKNOWN_TOPIC_ID'), name: null, topicId, partitions: [] });
          continue;
        }
        if (!mayOnTopic(ctx, source, 'Describe', byName)) {
          topics.push(name === null ? refused(null, topicId) : refused(name));
          continue;
        }
        const existing = ctx.logs.getTopic(byName);
        if (existing !== undefined) {
          topics.push(describe(byName, existing.topicId, existing.partitions));
          continue;
        }
        if (name === null) {
          topics.push({ errorCode: code('UNKNOWN_TOPIC_ID'), name: null, topicId, partitions: [] });
        } else if (topicNameProblem(name) !== undefined) {
          topics.push({ errorCode: code('INVALID_TOPIC_EXCEPTION'), name, isInternal: false, partitions: [] });
        } else if (request.allowAutoTopicCreation && ctx.config.autoCreateTopics) {
          if (!mayOnCluster(ctx, source, 'Create') && !mayOnTopic(ctx, source, 'Create', name)) {
            topics.push(refused(name));
            continue;
          }
          try {
            const partitions = await ctx.produce.ensureTopic(name);
            topics.push(describe(name, ctx.logs.topicId(name), partitions));
          } catch (error) {
            topics.push({ errorCode: errorCodeOf(error), name, isInternal: false, partitions: [] });
          }
        } else {
          topics.push({ errorCode: code('UNKNOWN_TOPIC_OR_PARTITION'), name, isInternal: false, partitions: [] });
        }
      }
    }
    return {
      throttleTimeMs: 0,
      brokers: [{ nodeId: NODE_ID, host, port, rack: null }],
      clusterId: CLUSTER_ID,
      controllerId: NODE_ID,
      topics,
      clusterAuthorizedOperations: authorizedOperations(
        authorizer,
        source.session,
        'cluster',
        '',
        request.includeClusterAuthorizedOperations,
      ),
    };
  },
});
