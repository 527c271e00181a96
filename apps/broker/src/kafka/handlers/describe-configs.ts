/**
 * DescribeConfigs (32) v0–4, answered by the AdminService as GET /v1/topics/{topic}/configs
 * and GET /v1/brokers/{id}/configs are.
 *
 * Behaviour: a topic (resource type 2) answers every topic config under Kafka's names
 * (or those asked for; unknown names are left out) with its value, source and read-only
 * flag; the broker (type 4, name "0" or "") its own configs, all read-only. An unknown
 * topic is UNKNOWN_TOPIC_OR_PARTITION, another broker id or resource type INVALID_REQUEST,
 * per resource.
 * Version notes: v0 answers `isDefault` (the source is the default) instead of the source;
 * v1+ synonyms only when `includeSynonyms`; v3+ each config's type, and its documentation
 * only when `includeDocumentation`.
 */
import { DescribeConfigs, type DescribeConfigsResult } from '@mini-kafka/kafka-protocol';
import { assertOnConfigs } from '../access.js';
import { adminService, configResource, configSourceCode, configTypeCode, failure } from '../admin-answers.js';
import { NONE } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';

export const describeConfigsHandler = defineHandler({
  codec: DescribeConfigs,
  minVersion: 0,
  maxVersion: 4,
  async handle(request, source, ctx) {
    const admin = adminService(ctx);
    const results: DescribeConfigsResult[] = [];
    for (const { resourceType, resourceName, configurationKeys } of request.resources) {
      const answer = { resourceType, resourceName };
      try {
        const resource = configResource(resourceType, resourceName);
        assertOnConfigs(ctx, source, 'DescribeConfigs', resource);
        const configs = admin.describeConfigs(resource, configurationKeys);
        results.push({
          ...answer,
          errorCode: NONE,
          errorMessage: null,
          configs: configs.map((config) => ({
            name: config.name,
            value: config.value,
            readOnly: config.readOnly,
            isDefault: config.source === 'DEFAULT_CONFIG',
            configSource: configSourceCode(config.source),
            isSensitive: config.sensitive,
            synonyms: request.includeSynonyms
              ? config.synonyms.map((s) => ({ name: s.name, value: s.value, source: configSourceCode(s.source) }))
              : [],
            configType: configTypeCode(config.type),
            documentation: request.includeDocumentation ? config.documentation : null,
          })),
        });
      } catch (error) {
        results.push({ ...answer, ...failure(error), configs: [] });
      }
    }
    return { throttleTimeMs: 0, results };
  },
});
