// Metadata: round trips at every version, and kafkajs 2.2.4 cross-checks in both directions.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { Metadata, type MetadataRequest, type MetadataResponse } from './metadata.js';

const response: MetadataResponse = {
  throttleTimeMs: 2,
  brokers: [
    { nodeId: 0, host: '127.0.0.1', port: 9092, rack: 'rack-a' },
    { nodeId: 1, host: 'broker-ü', port: 19092, rack: null },
  ],
  clusterId: 'mini-kafka',
  controllerId: 0,
  topics: [
    {
      errorCode: 0,
      name: 'orders',
      isInternal: false,
      partitions: [
        { errorCode: 0, partitionIndex: 0, leaderId: 0, replicaNodes: [0], isrNodes: [0] },
        { errorCode: 0, partitionIndex: 1, leaderId: 1, replicaNodes: [1, 0], isrNodes: [] },
      ],
    },
    { errorCode: 3, name: 'missing', isInternal: true, partitions: [] },
  ],
};

function projectResponse(v: number): MetadataResponse {
  return {
    ...response,
    throttleTimeMs: v >= 3 ? 2 : 0,
    brokers: response.brokers.map((b) => ({ ...b, rack: v >= 1 ? b.rack : null })),
    clusterId: v >= 2 ? response.clusterId : null,
    controllerId: v >= 1 ? 0 : -1,
    topics: response.topics.map((t) => ({ ...t, isInternal: v >= 1 ? t.isInternal : false })),
  };
}

describe('Metadata', () => {
  it.each(versionsOf(Metadata))('v%i request round trip', (v) => {
    const some: MetadataRequest = { topics: [{ name: 'orders' }, { name: 'zß' }], allowAutoTopicCreation: false };
    expect(requestRoundTrip(Metadata, v, some).decoded).toEqual({
      ...some,
      allowAutoTopicCreation: !(v >= 4),
    });
    const all: MetadataRequest = { topics: null, allowAutoTopicCreation: true };
    expect(requestRoundTrip(Metadata, v, all).decoded).toEqual(all);
  });

  it('null means all topics in every version; v0 says it with an empty array', () => {
    expect(requestRoundTrip(Metadata, 0, { topics: null, allowAutoTopicCreation: true }).bytes).toEqual(
      Buffer.from('00000000', 'hex'),
    );
    expect(requestRoundTrip(Metadata, 1, { topics: null, allowAutoTopicCreation: true }).bytes).toEqual(
      Buffer.from('ffffffff', 'hex'),
    );
    expect(requestRoundTrip(Metadata, 4, { topics: [], allowAutoTopicCreation: true }).decoded.topics).toEqual([]);
    expect(() => encodeBody((w) => Metadata.encodeRequest(w, 0, { topics: [], allowAutoTopicCreation: true }))).toThrow(
      expect.objectContaining({ reason: 'invalid-value' }),
    );
  });

  it.each(versionsOf(Metadata))('v%i response round trip keeps what the version carries', (v) => {
    expect(responseRoundTrip(Metadata, v, response).decoded).toEqual(projectResponse(v));
  });

  describe('against kafkajs', () => {
    it.each(versionsOf(Metadata))('v%i: decodes the request kafkajs encodes', async (v) => {
      const some = await kafkajsRequestBody('metadata', v, { topics: ['orders', 'b'], allowAutoTopicCreation: false });
      expect(decodeBody(some, (r) => Metadata.decodeRequest(r, v))).toEqual({
        topics: [{ name: 'orders' }, { name: 'b' }],
        allowAutoTopicCreation: !(v >= 4),
      });
      // kafkajs sends [] for "all topics": an empty array at v0, null from v1.
      const all = await kafkajsRequestBody('metadata', v, { topics: [] });
      expect(decodeBody(all, (r) => Metadata.decodeRequest(r, v))).toEqual({
        topics: null,
        allowAutoTopicCreation: true,
      });
    });

    it.each(versionsOf(Metadata))('v%i: kafkajs decodes our response', async (v) => {
      const decoded = await kafkajsDecodeResponse(
        'metadata',
        v,
        encodeBody((w) => Metadata.encodeResponse(w, v, response)),
      );
      expect(decoded.brokers).toEqual([
        { nodeId: 0, host: '127.0.0.1', port: 9092, ...(v >= 1 ? { rack: 'rack-a' } : {}) },
        { nodeId: 1, host: 'broker-ü', port: 19092, ...(v >= 1 ? { rack: null } : {}) },
      ]);
      expect(decoded.topicMetadata[0]).toEqual({
        topicErrorCode: 0,
        topic: 'orders',
        ...(v >= 1 ? { isInternal: false } : {}),
        partitionMetadata: [
          { partitionErrorCode: 0, partitionId: 0, leader: 0, replicas: [0], isr: [0] },
          { partitionErrorCode: 0, partitionId: 1, leader: 1, replicas: [1, 0], isr: [] },
        ],
      });
      expect(decoded.topicMetadata[1]).toMatchObject({ topicErrorCode: 3, topic: 'missing', partitionMetadata: [] });
      if (v >= 1) expect(decoded.controllerId).toBe(0);
      if (v >= 2) expect(decoded.clusterId).toBe('mini-kafka');
      if (v >= 3) expect(decoded.throttleTime).toBe(2);
    });
  });
});
