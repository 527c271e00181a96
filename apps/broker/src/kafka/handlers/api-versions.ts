/** ApiVersions (18) v0–3: the APIs and versions this broker serves, derived from the handler registry. */
import { ApiVersions } from '@mini-kafka/kafka-protocol';
import { NONE } from '../error-codes.js';
import type { HandlerRegistry } from '../handler-registry.js';
import { defineHandler } from '../handler-registry.js';

export function apiVersionsHandler(registry: HandlerRegistry) {
  return defineHandler({
    codec: ApiVersions,
    minVersion: 0,
    maxVersion: 3,
    handle: async () => ({ errorCode: NONE, apiKeys: registry.apiVersions(), throttleTimeMs: 0 }),
  });
}
