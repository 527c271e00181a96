/**
 * The ACL checks of the HTTP routes: the same operation on the same resource as the Kafka API
 * each route stands for (Write topic to produce, Read topic and Read group to consume in a
 * group, Describe to read metadata, Create on the cluster or the topic to create one, also
 * by producing to a missing topic, Delete, Alter, AlterConfigs, DescribeConfigs, Describe
 * cluster for the cluster's information). A refusal is 403 with Kafka's code for the
 * resource type: TOPIC_AUTHORIZATION_FAILED (29), GROUP_AUTHORIZATION_FAILED (30),
 * CLUSTER_AUTHORIZATION_FAILED (31). A topic check comes before any lookup, so a topic the
 * caller may not Describe answers 403 whether or not it exists.
 */
import { MiniKafkaError } from '@mini-kafka/protocol';
import type { Context } from 'hono';
import { type AclOperation, CLUSTER, type Resource, topicResource } from '../security/acl.js';
import { anonymousSession, type Session } from '../security/authorizer.js';
import type { AppContext, Env } from './app-context.js';

/** The session authenticate.ts set (anonymous when the request came another way, as in some tests). */
export function sessionOf(c: Context<Env>): Session {
  return c.get('session') ?? anonymousSession(c.env?.incoming?.socket.remoteAddress ?? '');
}

const REFUSAL = {
  Topic: 'TOPIC_AUTHORIZATION_FAILED',
  Group: 'GROUP_AUTHORIZATION_FAILED',
  Cluster: 'CLUSTER_AUTHORIZATION_FAILED',
  TransactionalId: 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
} as const;

/** The 403 for `operation` on `resource`. */
export function notAuthorized(operation: AclOperation, resource: Resource): MiniKafkaError {
  const what = resource.type === 'Cluster' ? 'the cluster' : `${resource.type.toLowerCase()} "${resource.name}"`;
  const details =
    resource.type === 'Topic' ? { topic: resource.name } : resource.type === 'Group' ? { group: resource.name } : {};
  return new MiniKafkaError(REFUSAL[resource.type], `Not authorized to ${operation} ${what}`, { details });
}

/** Whether the caller may perform `operation` on `resource`. */
export function allows(ctx: AppContext, c: Context<Env>, operation: AclOperation, resource: Resource): boolean {
  return ctx.security.authorizer.authorize(sessionOf(c), operation, resource);
}

/** Throws the 403 unless the caller may perform `operation` on `resource`. */
export function requireAllowed(ctx: AppContext, c: Context<Env>, operation: AclOperation, resource: Resource): void {
  if (!allows(ctx, c, operation, resource)) throw notAuthorized(operation, resource);
}

/** Create a topic: Create on the cluster, or on the topic. */
export function requireCreate(ctx: AppContext, c: Context<Env>, topic: string): void {
  if (allows(ctx, c, 'Create', CLUSTER)) return;
  requireAllowed(ctx, c, 'Create', topicResource(topic));
}

/**
 * Before a write that may auto-create `topic`: Write on it, and Create when it does not exist
 * yet and the broker creates topics on first use (else the write answers UNKNOWN_TOPIC_OR_PARTITION).
 */
export function requireWrite(ctx: AppContext, c: Context<Env>, topic: string): void {
  requireAllowed(ctx, c, 'Write', topicResource(topic));
  if (ctx.config.autoCreateTopics && ctx.logs.getTopic(topic) === undefined) requireCreate(ctx, c, topic);
}
