/**
 * IncrementalAlterConfigs (44) v0–1: changes the configs named, live, through the
 * AdminService, as PATCH /v1/topics/{topic}/configs does.
 *
 * Behaviour: operations 0 SET, 1 DELETE (back to the default), 2 APPEND and 3 SUBTRACT
 * (list configs only, else INVALID_CONFIG); another operation is INVALID_REQUEST. Per
 * resource, an unknown config, a bad value or one Mini Kafka cannot honour
 * (cleanup.policy=compact) is INVALID_CONFIG and changes nothing; a config named twice is
 * INVALID_REQUEST; an unknown topic UNKNOWN_TOPIC_OR_PARTITION; the broker's configs are
 * read-only (INVALID_REQUEST). validateOnly checks without changing anything.
 * Version notes: both versions have the same fields (v1 flexible).
 */
import { IncrementalAlterConfigs } from '@mini-kafka/kafka-protocol';
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import type { ConfigOp } from '@mini-kafka/storage';
import { assertOnConfigs } from '../access.js';
import { adminService, configResource, failure } from '../admin-answers.js';
import { NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

const OPERATIONS: readonly ConfigOp['op'][] = ['SET', 'DELETE', 'APPEND', 'SUBTRACT'];

function operation(code: number, name: string): ConfigOp['op'] {
  const op = OPERATIONS[code];
  if (op === undefined) {
    throw new MiniKafkaError('INVALID_REQUEST', `Unknown config operation ${code} for config ${name.slice(0, 64)}`);
  }
  return op;
}

export const incrementalAlterConfigsHandler = defineHandler({
  codec: IncrementalAlterConfigs,
  minVersion: 0,
  maxVersion: 1,
  async handle(request, source, ctx) {
    const admin = adminService(ctx);
    const responses = [];
    for (const { resourceType, resourceName, configs } of request.resources) {
      try {
        const resource = configResource(resourceType, resourceName);
        assertOnConfigs(ctx, source, 'AlterConfigs', resource);
        const ops = configs.map(
          (c): ConfigOp => ({ name: c.name, op: operation(c.configOperation, c.name), value: c.value }),
        );
        await admin.alterConfigs(resource, { ops }, request.validateOnly);
        responses.push({ resourceType, resourceName, errorCode: NONE, errorMessage: null });
      } catch (error) {
        responses.push({ resourceType, resourceName, ...failure(error) });
      }
    }
    return { throttleTimeMs: 0, responses };
  },
});
