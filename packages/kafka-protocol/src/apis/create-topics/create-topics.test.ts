// CreateTopics: round trips at every version, kafkajs 2.2.4 cross-checks (v0-3), and the
// flexible layout (v5+) with its tagged field, byte by byte.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { CreateTopics, type CreateTopicsRequest, type CreateTopicsResponse } from './create-topics.js';

const TOPIC_ID = '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0';
const ZERO = '00000000-0000-0000-0000-000000000000';

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
    {
      name: 'orders',
      topicId: TOPIC_ID,
      errorCode: 0,
      errorMessage: null,
      topicConfigErrorCode: 40,
      numPartitions: 3,
      replicationFactor: 1,
      configs: [{ name: 'retention.ms', value: '86400000', readOnly: false, configSource: 1, isSensitive: false }],
    },
    { name: 'manual', errorCode: 36, errorMessage: "Topic 'manual' already exists.", configs: null },
  ],
};

describe('CreateTopics', () => {
  it.each(versionsOf(CreateTopics))('v%i request round trip (validate only from v1)', (v) => {
    expect(requestRoundTrip(CreateTopics, v, request).decoded).toEqual({ ...request, validateOnly: v >= 1 });
  });

  it.each(versionsOf(CreateTopics))('v%i response round trip', (v) => {
    const [orders, manual] = response.topics;
    expect(responseRoundTrip(CreateTopics, v, response).decoded).toEqual({
      throttleTimeMs: v >= 2 ? 3 : 0,
      topics: [
        {
          name: 'orders',
          topicId: v >= 7 ? TOPIC_ID : ZERO,
          errorCode: 0,
          errorMessage: null,
          topicConfigErrorCode: v >= 5 ? 40 : 0,
          numPartitions: v >= 5 ? 3 : -1,
          replicationFactor: v >= 5 ? 1 : -1,
          configs: v >= 5 ? orders!.configs : null,
        },
        {
          name: 'manual',
          topicId: ZERO,
          errorCode: 36,
          errorMessage: v >= 1 ? manual!.errorMessage : null,
          topicConfigErrorCode: 0,
          numPartitions: -1,
          replicationFactor: -1,
          configs: null,
        },
      ],
    });
  });

  it('v7 response, byte by byte: topic id, compact strings and arrays, the tagged config error code', () => {
    const one: CreateTopicsResponse = {
      topics: [
        { name: 'ab', topicId: TOPIC_ID, errorCode: 0, errorMessage: null, topicConfigErrorCode: 40, configs: [] },
      ],
    };
    expect(encodeBody((w) => CreateTopics.encodeResponse(w, 7, one)).toString('hex')).toBe(
      [
        '00000000', // throttle_time_ms
        '02', // topics: compact array of 1
        '036162', // name "ab"
        TOPIC_ID.replaceAll('-', ''),
        '0000', // error_code
        '00', // error_message: null
        'ffffffff', // num_partitions -1
        'ffff', // replication_factor -1
        '01', // configs: empty compact array
        '01', // one tagged field
        '00', // tag 0: topic_config_error_code
        '02', // 2 bytes
        '0028', // 40
        '00', // the response's tagged fields: none
      ].join(''),
    );
  });

  describe('against kafkajs', () => {
    it.each([0, 1, 2, 3])('v%i: decodes the request kafkajs encodes', async (v) => {
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

    it.each([0, 1, 2, 3])('v%i: kafkajs decodes our response', async (v) => {
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
