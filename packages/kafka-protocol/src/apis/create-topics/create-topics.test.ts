// CreateTopics: round trips at every version, and kafkajs 2.2.4 cross-checks in both directions.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { CreateTopics, type CreateTopicsRequest, type CreateTopicsResponse } from './create-topics.js';

const request: CreateTopicsRequest = {
  topics: [
    {
      name: 'orders',
      numPartitions: 3,
      replicationFactor: 1,
      assignments: [],
      configs: [
        { name: 'retention.ms', value: '86400000' },
        { name: 'cleanup.policy', value: null },
      ],
    },
    {
      name: 'manual',
      numPartitions: -1,
      replicationFactor: -1,
      assignments: [{ partitionIndex: 0, brokerIds: [0] }],
      configs: [],
    },
  ],
  timeoutMs: 5000,
  validateOnly: true,
};

const response: CreateTopicsResponse = {
  throttleTimeMs: 3,
  topics: [
    { name: 'orders', errorCode: 0, errorMessage: null },
    { name: 'manual', errorCode: 36, errorMessage: "Topic 'manual' already exists." },
  ],
};

describe('CreateTopics', () => {
  it.each(versionsOf(CreateTopics))('v%i request round trip (validate only from v1)', (v) => {
    expect(requestRoundTrip(CreateTopics, v, request).decoded).toEqual({ ...request, validateOnly: v >= 1 });
  });

  it.each(versionsOf(CreateTopics))('v%i response round trip', (v) => {
    expect(responseRoundTrip(CreateTopics, v, response).decoded).toEqual({
      throttleTimeMs: v >= 2 ? 3 : 0,
      topics: response.topics.map((t) => ({ ...t, errorMessage: v >= 1 ? t.errorMessage : null })),
    });
  });

  describe('against kafkajs', () => {
    it.each(versionsOf(CreateTopics))('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('createTopics', v, {
        topics: [{ topic: 'orders', numPartitions: 2, configEntries: [{ name: 'retention.ms', value: '1000' }] }],
        timeout: 5000,
        validateOnly: false,
      });
      expect(decodeBody(body, (r) => CreateTopics.decodeRequest(r, v))).toEqual({
        topics: [
          {
            name: 'orders',
            numPartitions: 2,
            replicationFactor: -1,
            assignments: [],
            configs: [{ name: 'retention.ms', value: '1000' }],
          },
        ],
        timeoutMs: 5000,
        validateOnly: false,
      });
    });

    it.each(versionsOf(CreateTopics))('v%i: kafkajs decodes our response', async (v) => {
      const decoded = await kafkajsDecodeResponse(
        'createTopics',
        v,
        encodeBody((w) => CreateTopics.encodeResponse(w, v, response)),
      );
      expect(decoded.topicErrors).toEqual([
        { topic: 'manual', errorCode: 36, ...(v >= 1 ? { errorMessage: "Topic 'manual' already exists." } : {}) },
        { topic: 'orders', errorCode: 0, ...(v >= 1 ? { errorMessage: null } : {}) },
      ]);
      if (v === 2) expect(decoded.throttleTime).toBe(3);
      if (v === 3) expect(decoded.clientSideThrottleTime).toBe(3);
    });
  });
});
