/**
 * Authorization for the Kafka handlers: whether the request's session may perform an
 * operation on a resource, through the broker's authorizer (which allows everything with
 * authentication off). Handlers check before they look anything up, as Kafka does, so a
 * refusal never tells whether a topic or a group exists.
 */
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import type { AclOperation } from '../security/acl.js';
import { CLUSTER, groupResource, topicResource, transactionalIdResource, WILDCARD } from '../security/acl.js';
import type { ConfigResource } from '../services/admin-service.js';
import type { KafkaContext, RequestSource } from './kafka-context.js';

export const mayOnTopic = (ctx: KafkaContext, source: RequestSource, operation: AclOperation, topic: string): boolean =>
  ctx.security.authorizer.authorize(source.session, operation, topicResource(topic));

export const mayOnGroup = (ctx: KafkaContext, source: RequestSource, operation: AclOperation, group: string): boolean =>
  ctx.security.authorizer.authorize(source.session, operation, groupResource(group));

export const mayOnTransactionalId = (
  ctx: KafkaContext,
  source: RequestSource,
  operation: AclOperation,
  transactionalId: string,
): boolean => ctx.security.authorizer.authorize(source.session, operation, transactionalIdResource(transactionalId));

export const mayOnCluster = (ctx: KafkaContext, source: RequestSource, operation: AclOperation): boolean =>
  ctx.security.authorizer.authorize(source.session, operation, CLUSTER);

/**
 * Whether the session may perform `operation` on some topic (Kafka's authorizeByResourceType):
 * an Allow binding for it (or `User:*`) from its host on any topic pattern, and no Deny of
 * the operation on every topic (the literal `*`). Super users and an authorizer that is off may.
 */
export function mayOnAnyTopic(ctx: KafkaContext, source: RequestSource, operation: AclOperation): boolean {
  const { authorizer, acls } = ctx.security;
  const { principal, host } = source.session;
  if (!authorizer.enabled || authorizer.isSuperUser(principal)) return true;
  const mine = acls
    .all()
    .filter(
      (acl) =>
        acl.resourceType === 'Topic' &&
        (acl.principal === principal || acl.principal === `User:${WILDCARD}`) &&
        (acl.host === WILDCARD || acl.host === host) &&
        (acl.operation === operation || acl.operation === 'All'),
    );
  const deniedEverywhere = mine.some(
    (acl) => acl.permission === 'Deny' && acl.patternType === 'Literal' && acl.resourceName === WILDCARD,
  );
  return !deniedEverywhere && mine.some((acl) => acl.permission === 'Allow');
}

/** Throws TOPIC_AUTHORIZATION_FAILED unless the session may perform `operation` on `topic`. */
export function assertOnTopic(ctx: KafkaContext, source: RequestSource, operation: AclOperation, topic: string): void {
  if (!mayOnTopic(ctx, source, operation, topic))
    throw new MiniKafkaError('TOPIC_AUTHORIZATION_FAILED', `Not authorized to ${operation} topic ${topic}`);
}

/**
 * Throws unless the session may perform `operation` (DescribeConfigs, AlterConfigs) on a
 * config resource: a topic's (TOPIC_AUTHORIZATION_FAILED), the broker's on the cluster
 * (CLUSTER_AUTHORIZATION_FAILED).
 */
export function assertOnConfigs(
  ctx: KafkaContext,
  source: RequestSource,
  operation: AclOperation,
  resource: ConfigResource,
): void {
  if (resource.type === 'topic') assertOnTopic(ctx, source, operation, resource.name);
  else if (!mayOnCluster(ctx, source, operation))
    throw new MiniKafkaError('CLUSTER_AUTHORIZATION_FAILED', `Not authorized to ${operation} on the cluster`);
}
