// Metadata: round trips at every version, kafkajs 2.2.4 cross-checks in both directions (v0-6),
// and the flexible layout (v9+) byte by byte.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { Metadata, type MetadataResponse } from './metadata.js';

const TOPIC_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const ZERO = '00000000-0000-0000-0000-000000000000';
const UNSET_OPERATIONS = -2147483648;

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
      topicId: TOPIC_ID,
      isInternal: false,
      partitions: [
        { errorCode: 0, partitionIndex: 0, leaderId: 0, leaderEpoch: 4, replicaNodes: [0], isrNodes: [0] },
        {
          errorCode: 0,
          partitionIndex: 1,
          leaderId: 1,
          leaderEpoch: 5,
          replicaNodes: [1, 0],
          isrNodes: [],
          offlineReplicas: [0],
        },
      ],
      topicAuthorizedOperations: 8,
    },
    { errorCode: 3, name: 'missing', isInternal: true, partitions: [] },
  ],
  clusterAuthorizedOperations: 16,
};

/** What a client decodes of `response` at version `v`: fields the version lacks hold their defaults. */
function projectResponse(v: number) {
  return {
    throttleTimeMs: v >= 3 ? 2 : 0,
    brokers: response.brokers.map((b) => ({ ...b, rack: v >= 1 ? b.rack : null })),
    clusterId: v >= 2 ? response.clusterId : null,
    controllerId: v >= 1 ? 0 : -1,
    topics: response.topics.map((t) => ({
      errorCode: t.errorCode,
      name: t.name,
      topicId: v >= 10 && t.topicId !== undefined ? t.topicId : ZERO,
      isInternal: v >= 1 ? t.isInternal : false,
      partitions: t.partitions.map((p) => ({
        errorCode: p.errorCode,
        partitionIndex: p.partitionIndex,
        leaderId: p.leaderId,
        leaderEpoch: v >= 7 ? p.leaderEpoch : -1,
        replicaNodes: p.replicaNodes,
        isrNodes: p.isrNodes,
        offlineReplicas: v >= 5 ? (p.offlineReplicas ?? []) : [],
      })),
      topicAuthorizedOperations: v >= 8 ? (t.topicAuthorizedOperations ?? UNSET_OPERATIONS) : UNSET_OPERATIONS,
    })),
    clusterAuthorizedOperations: v >= 8 && v <= 10 ? 16 : UNSET_OPERATIONS,
  };
}

const fullRequest = (v: number) => ({
  topics: [
    { topicId: v >= 10 ? TOPIC_ID : ZERO, name: 'orders' },
    { topicId: ZERO, name: 'zß' },
  ],
  allowAutoTopicCreation: false,
  includeClusterAuthorizedOperations: v >= 8 && v <= 10,
  includeTopicAuthorizedOperations: v >= 8,
});

const KAFKAJS_VERSIONS = [0, 1, 2, 3, 4, 5, 6];

describe('Metadata', () => {
  it.each(versionsOf(Metadata))('v%i request round trip', (v) => {
    const some = fullRequest(v);
    expect(requestRoundTrip(Metadata, v, some).decoded).toEqual({ ...some, allowAutoTopicCreation: !(v >= 4) });
    expect(requestRoundTrip(Metadata, v, { topics: null }).decoded).toEqual({
      topics: null,
      allowAutoTopicCreation: true,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    });
  });

  it('v10+ names topics by id with a null name; earlier versions refuse a null name', () => {
    const byId = { topics: [{ topicId: TOPIC_ID, name: null }] };
    expect(requestRoundTrip(Metadata, 10, byId).decoded.topics).toEqual([{ topicId: TOPIC_ID, name: null }]);
    expect(() => encodeBody((w) => Metadata.encodeRequest(w, 9, byId))).toThrow(/cannot be null in v9/);
  });

  it('v12 request and response, byte by byte (compact arrays and strings, tagged-field sections)', () => {
    const request = { topics: [{ topicId: TOPIC_ID, name: 'ab' }], includeTopicAuthorizedOperations: true };
    expect(encodeBody((w) => Metadata.encodeRequest(w, 12, request)).toString('hex')).toBe(
      // topics: compact array of 1 | topic id | compact string "ab" | no tags | auto-create, topic ops | no tags
      ['02', TOPIC_ID.replaceAll('-', ''), '036162', '00', '0101', '00'].join(''),
    );
    const small: MetadataResponse = {
      brokers: [{ nodeId: 0, host: 'h', port: 9092 }],
      clusterId: null,
      controllerId: 0,
      topics: [{ errorCode: 0, name: null, topicId: TOPIC_ID, partitions: [] }],
    };
    expect(encodeBody((w) => Metadata.encodeResponse(w, 12, small)).toString('hex')).toBe(
      [
        '00000000', // throttle_time_ms
        '02',
        '00000000',
        '0268',
        '00002384',
        '00',
        '00', // 1 broker: node 0, "h", 9092, rack null, no tags
        '00', // cluster id null
        '00000000', // controller 0
        '02',
        '0000',
        '00',
        TOPIC_ID.replaceAll('-', ''),
        '00',
        '01',
        '80000000',
        '00', // topic with a null name
        '00', // response tags
      ].join(''),
    );
  });

  it('null means all topics in every version; v0 says it with an empty array', () => {
    expect(requestRoundTrip(Metadata, 0, { topics: null }).bytes).toEqual(Buffer.from('00000000', 'hex'));
    expect(requestRoundTrip(Metadata, 1, { topics: null }).bytes).toEqual(Buffer.from('ffffffff', 'hex'));
    expect(requestRoundTrip(Metadata, 4, { topics: [] }).decoded.topics).toEqual([]);
    expect(() => encodeBody((w) => Metadata.encodeRequest(w, 0, { topics: [] }))).toThrow(
      expect.objectContaining({ reason: 'invalid-value' }),
    );
  });

  it.each(versionsOf(Metadata))('v%i response round trip keeps what the version carries', (v) => {
    expect(responseRoundTrip(Metadata, v, response).decoded).toEqual(projectResponse(v));
  });

  describe('against kafkajs (v0-6, the versions it implements)', () => {
    it.each(KAFKAJS_VERSIONS)('v%i: decodes the request kafkajs encodes', async (v) => {
      const some = await kafkajsRequestBody('metadata', v, { topics: ['orders', 'b'], allowAutoTopicCreation: false });
      expect(decodeBody(some, (r) => Metadata.decodeRequest(r, v))).toMatchObject({
        topics: [
          { topicId: ZERO, name: 'orders' },
          { topicId: ZERO, name: 'b' },
        ],
        allowAutoTopicCreation: !(v >= 4),
      });
      // kafkajs sends [] for "all topics": an empty array at v0, null from v1.
      const all = await kafkajsRequestBody('metadata', v, { topics: [] });
      expect(decodeBody(all, (r) => Metadata.decodeRequest(r, v))).toMatchObject({
        topics: null,
        allowAutoTopicCreation: true,
      });
    });

    it.each(KAFKAJS_VERSIONS)('v%i: kafkajs decodes our response', async (v) => {
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
          {
            partitionErrorCode: 0,
            partitionId: 0,
            leader: 0,
            replicas: [0],
            isr: [0],
            ...(v >= 5 ? { offlineReplicas: [] } : {}),
          },
          {
            partitionErrorCode: 0,
            partitionId: 1,
            leader: 1,
            replicas: [1, 0],
            isr: [],
            ...(v >= 5 ? { offlineReplicas: [0] } : {}),
          },
        ],
      });
      expect(decoded.topicMetadata[1]).toMatchObject({ topicErrorCode: 3, topic: 'missing', partitionMetadata: [] });
      if (v >= 1) expect(decoded.controllerId).toBe(0);
      if (v >= 2) expect(decoded.clusterId).toBe('mini-kafka');
      // From v6 kafkajs reports the broker's throttle time as client-side (KIP-219).
      if (v >= 3) expect(v >= 6 ? decoded.clientSideThrottleTime : decoded.throttleTime).toBe(2);
    });
  });
});
