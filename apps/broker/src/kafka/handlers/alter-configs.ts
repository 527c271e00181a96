/**
 * AlterConfigs (33) v0–2: sets a topic's whole config set, live (any config not listed
 * returns to its default), through the AdminService.
 *
 * Behaviour: per resource, an unknown config, a bad or null value or one Mini Kafka cannot
 * honour is INVALID_CONFIG and changes nothing; a config named twice is INVALID_REQUEST; an
 * unknown topic UNKNOWN_TOPIC_OR_PARTITION. The broker's configs are read-only:
 * INVALID_REQUEST naming them. validateOnly checks without changing anything.
 * Version notes: every version has the same fields (v2 flexible).
 */
import { AlterConfigs, type AlterConfigsResourceResponse } from '@mini-kafka/kafka-protocol';
import { assertOnConfigs } from '../access.js';
import { adminService, configResource, duplicateEntry, failure, repeated } from '../admin-answers.js';
import { NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const alterConfigsHandler = defineHandler({
  codec: AlterConfigs,
  minVersion: 0,
  maxVersion: 2,
  async handle(request, source, ctx) {
    const admin = adminService(ctx);
    const responses: AlterConfigsResourceResponse[] = [];
    for (const { resourceType, resourceName, configs } of request.resources) {
      try {
        const resource = configResource(resourceType, resourceName);
        assertOnConfigs(ctx, source, 'AlterConfigs', resource);
        const twice = [...repeated(configs.map((c) => c.name))];
        if (twice.length > 0) throw duplicateEntry('config', twice[0]!);
        const replace = Object.fromEntries(configs.map((c) => [c.name, c.value]));
        await admin.alterConfigs(resource, { replace }, request.validateOnly);
        responses.push({ resourceType, resourceName, errorCode: NONE, errorMessage: null });
      } catch (error) {
        responses.push({ resourceType, resourceName, ...failure(error) });
      }
    }
    return { throttleTimeMs: 0, responses };
  },
});
