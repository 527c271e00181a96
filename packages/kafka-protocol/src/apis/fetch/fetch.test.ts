// Fetch: round trips at every version, kafkajs 2.2.4 cross-checks in both directions (v4-11),
// and the flexible layout (v12+) with topic ids (v13) byte by byte.
import { describe, expect, it } from 'vitest';
import { decodeResponseFrame, encodeResponseFrame, encodeResponseFrameChunks } from '../../api-frames.js';
import { kafkajsDecodeResponse, kafkajsRecordBatch, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { Fetch, type FetchRequest, type FetchResponse } from './fetch.js';

const TOPIC_ID = '5c1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const ZERO = '00000000-0000-0000-0000-000000000000';
const KAFKAJS_VERSIONS = [4, 5, 6, 7, 8, 9, 10, 11];

const request: FetchRequest = {
  clusterId: null,
  replicaId: -1,
  replicaState: { replicaId: -1, replicaEpoch: -1 },
  maxWaitMs: 5000,
  minBytes: 1,
  maxBytes: 52_428_800,
  isolationLevel: 1,
  sessionId: 77,
  sessionEpoch: 3,
  topics: [
    {
      topic: 'orders',
      topicId: TOPIC_ID,
      partitions: [
        {
          partition: 0,
          currentLeaderEpoch: 4,
          fetchOffset: 2 ** 40,
          lastFetchedEpoch: 3,
          logStartOffset: 9,
          partitionMaxBytes: 1_048_576,
          replicaDirectoryId: ZERO,
        },
        {
          partition: 1,
          currentLeaderEpoch: 4,
          fetchOffset: 0,
          lastFetchedEpoch: -1,
          logStartOffset: 0,
          partitionMaxBytes: 0,
          replicaDirectoryId: ZERO,
        },
      ],
    },
  ],
  forgottenTopicsData: [{ topic: 'old', topicId: TOPIC_ID, partitions: [0, 3] }],
  rackId: 'rack-a',
};

/** What a version carries of `request`, the rest at its default. */
function projectRequest(v: number): FetchRequest {
  return {
    ...request,
    maxBytes: v >= 3 ? request.maxBytes : 0x7fffffff,
    isolationLevel: v >= 4 ? request.isolationLevel : 0,
    sessionId: v >= 7 ? request.sessionId : 0,
    sessionEpoch: v >= 7 ? request.sessionEpoch : -1,
    forgottenTopicsData:
      v >= 7
        ? request.forgottenTopicsData.map((t) => ({
            ...t,
            topic: v <= 12 ? t.topic : '',
            topicId: v >= 13 ? t.topicId : ZERO,
          }))
        : [],
    rackId: v >= 11 ? request.rackId : '',
    topics: request.topics.map((t) => ({
      ...t,
      topic: v <= 12 ? t.topic : '',
      topicId: v >= 13 ? t.topicId : ZERO,
      partitions: t.partitions.map((p) => ({
        ...p,
        currentLeaderEpoch: v >= 9 ? p.currentLeaderEpoch : -1,
        lastFetchedEpoch: v >= 12 ? p.lastFetchedEpoch : -1,
        logStartOffset: v >= 5 ? p.logStartOffset : -1,
      })),
    })),
  };
}

const response = (records: Buffer | Buffer[]): FetchResponse => ({
  throttleTimeMs: 3,
  errorCode: 0,
  sessionId: 0,
  responses: [
    {
      topic: 'orders',
      partitions: [
        {
          partitionIndex: 0,
          errorCode: 0,
          highWatermark: 12,
          lastStableOffset: 12,
          logStartOffset: 2,
          abortedTransactions: [],
          preferredReadReplica: -1,
          records,
        },
        {
          partitionIndex: 1,
          errorCode: 1,
          highWatermark: -1,
          lastStableOffset: -1,
          logStartOffset: -1,
          abortedTransactions: null,
          preferredReadReplica: -1,
          records: Buffer.alloc(0),
        },
      ],
    },
  ],
});

describe('Fetch', () => {
  it.each(versionsOf(Fetch))('v%i request round trip keeps what the version carries', (v) => {
    expect(requestRoundTrip(Fetch, v, request).decoded).toEqual(projectRequest(v));
  });

  it.each(versionsOf(Fetch))('v%i response round trip', (v) => {
    const full = response(Buffer.from('cafe', 'hex'));
    const partition = full.responses[0]?.partitions[0];
    const aborted = {
      ...full,
      responses: [
        { topic: 'o', partitions: [{ ...partition!, abortedTransactions: [{ producerId: 2 ** 50, firstOffset: 4 }] }] },
      ],
    };
    const { decoded } = responseRoundTrip(Fetch, v, aborted);
    expect(decoded.throttleTimeMs).toBe(v >= 1 ? 3 : 0);
    expect(decoded.responses[0]?.partitions[0]).toMatchObject({
      ...partition,
      lastStableOffset: v >= 4 ? 12 : -1,
      abortedTransactions: v >= 4 ? [{ producerId: 2 ** 50, firstOffset: 4 }] : null,
      logStartOffset: v >= 5 ? 2 : -1,
    });
    expect(responseRoundTrip(Fetch, v, full).decoded.responses[0]?.partitions[1]?.records).toEqual(Buffer.alloc(0));
  });

  it('v0-3 bodies byte by byte: max bytes from v3, throttle time from v1', () => {
    const body = (v: number) =>
      encodeBody((w) =>
        Fetch.encodeRequest(w, v, {
          maxWaitMs: 100,
          minBytes: 1,
          maxBytes: 4096,
          topics: [{ topic: 't', partitions: [{ partition: 2, fetchOffset: 5, partitionMaxBytes: 1024 }] }],
        }),
      ).toString('hex');
    // replica id, max wait, min bytes, [max bytes], 1 topic "t", 1 partition: index, fetch offset, max bytes
    const head = 'ffffffff' + '00000064' + '00000001';
    const topics = '00000001' + '000174' + '00000001' + '00000002' + '0000000000000005' + '00000400';
    expect(body(0)).toBe(head + topics);
    expect(body(2)).toBe(head + topics);
    expect(body(3)).toBe(`${head}00001000${topics}`);
    const answer: FetchResponse = {
      throttleTimeMs: 7,
      responses: [
        {
          topic: 't',
          partitions: [{ partitionIndex: 0, errorCode: 0, highWatermark: 3, records: Buffer.from('ab', 'hex') }],
        },
      ],
    };
    const tail = '00000001' + '000174' + '00000001' + '00000000' + '0000' + '0000000000000003' + '00000001' + 'ab';
    expect(encodeBody((w) => Fetch.encodeResponse(w, 0, answer)).toString('hex')).toBe(tail);
    expect(encodeBody((w) => Fetch.encodeResponse(w, 1, answer)).toString('hex')).toBe(`00000007${tail}`);
  });

  it('v7+ carries the error code and session id; v11 the preferred read replica', () => {
    const r = { ...response(Buffer.alloc(0)), errorCode: 71, sessionId: 5 };
    r.responses[0]!.partitions[0]!.preferredReadReplica = 2;
    expect(responseRoundTrip(Fetch, 6, r).decoded).toMatchObject({ errorCode: 0, sessionId: 0 });
    expect(responseRoundTrip(Fetch, 10, r).decoded.responses[0]?.partitions[0]?.preferredReadReplica).toBe(-1);
    const v11 = responseRoundTrip(Fetch, 11, r).decoded;
    expect(v11).toMatchObject({ errorCode: 71, sessionId: 5 });
    expect(v11.responses[0]?.partitions[0]?.preferredReadReplica).toBe(2);
  });

  it('defaults: last stable offset and log start offset -1, aborted transactions null', () => {
    const bare: FetchResponse = {
      responses: [
        { topic: 't', partitions: [{ partitionIndex: 0, errorCode: 0, highWatermark: 3, records: Buffer.alloc(0) }] },
      ],
    };
    const decoded = decodeBody(
      encodeBody((w) => Fetch.encodeResponse(w, 11, bare)),
      (r) => Fetch.decodeResponse(r, 11),
    );
    expect(decoded.responses[0]?.partitions[0]).toEqual({
      partitionIndex: 0,
      errorCode: 0,
      highWatermark: 3,
      lastStableOffset: -1,
      logStartOffset: -1,
      divergingEpoch: { epoch: -1, endOffset: -1 },
      currentLeader: { leaderId: -1, leaderEpoch: -1 },
      snapshotId: { endOffset: -1, epoch: -1 },
      abortedTransactions: null,
      preferredReadReplica: -1,
      records: Buffer.alloc(0),
    });
  });

  it('v13 names topics by id; v12 and v13 bodies byte by byte', () => {
    const partition = { partition: 2, fetchOffset: 5, partitionMaxBytes: 1024 };
    const v13 = encodeBody((w) =>
      Fetch.encodeRequest(w, 13, {
        maxWaitMs: 100,
        minBytes: 1,
        topics: [{ topicId: TOPIC_ID, partitions: [partition] }],
      }),
    );
    expect(v13.toString('hex')).toBe(
      [
        'ffffffff',
        '00000064',
        '00000001',
        '7fffffff',
        '00',
        '00000000',
        'ffffffff', // replica .. session epoch
        '02',
        TOPIC_ID.replaceAll('-', ''), // 1 topic, by id
        '02',
        '00000002',
        'ffffffff',
        '0000000000000005',
        'ffffffff',
        'ffffffffffffffff',
        '00000400',
        '00', // partition
        '00', // topic tags
        '01',
        '01', // no forgotten topics, rack ""
        '00', // no tags (cluster id null is the default)
      ].join(''),
    );
    expect(decodeBody(v13, (r) => Fetch.decodeRequest(r, 13)).topics[0]).toMatchObject({
      topic: '',
      topicId: TOPIC_ID,
    });
    const answer = encodeBody((w) =>
      Fetch.encodeResponse(w, 12, {
        sessionId: 0,
        responses: [
          {
            topic: 'a',
            partitions: [
              {
                partitionIndex: 0,
                errorCode: 0,
                highWatermark: 1,
                currentLeader: { leaderId: 0, leaderEpoch: 0 },
                records: Buffer.from('ab', 'hex'),
              },
            ],
          },
        ],
      }),
    );
    expect(answer.toString('hex')).toBe(
      [
        '00000000',
        '0000',
        '00000000', // throttle, error, session
        '02',
        '0261', // 1 topic "a"
        '02',
        '00000000',
        '0000',
        '0000000000000001',
        'ffffffffffffffff',
        'ffffffffffffffff', // partition 0 .. log start
        '00',
        'ffffffff',
        '02ab', // aborted null, preferred replica -1, records
        '01',
        '01',
        '09',
        '00000000',
        '00000000',
        '00', // tags: current leader (tag 1, 9 bytes: 2 ints, no tags)
        '00',
        '00', // topic tags, response tags
      ].join(''),
    );
  });

  it('no data is sent as empty records (length 0), never -1, which librdkafka rejects', () => {
    const body = encodeBody((w) => Fetch.encodeResponse(w, 11, response(Buffer.alloc(0))));
    expect(body.subarray(-4)).toEqual(Buffer.alloc(4)); // the last partition's records: length 0
  });

  describe('against kafkajs', () => {
    it.each(KAFKAJS_VERSIONS)('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('fetch', v, {
        replicaId: -1,
        maxWaitTime: 5000,
        minBytes: 1,
        maxBytes: 10_485_760,
        isolationLevel: 1,
        sessionId: 0,
        sessionEpoch: -1,
        rackId: 'r1',
        forgottenTopics: [{ topic: 'gone', partitions: [4] }],
        topics: [
          {
            topic: 'orders',
            partitions: [
              { partition: 3, currentLeaderEpoch: 8, fetchOffset: '42', logStartOffset: 1, maxBytes: 1_048_576 },
            ],
          },
        ],
      });
      expect(decodeBody(body, (r) => Fetch.decodeRequest(r, v))).toMatchObject({
        replicaId: -1,
        maxWaitMs: 5000,
        minBytes: 1,
        maxBytes: 10_485_760,
        isolationLevel: 1,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [
          {
            topic: 'orders',
            partitions: [
              {
                partition: 3,
                currentLeaderEpoch: v >= 9 ? 8 : -1,
                fetchOffset: 42,
                logStartOffset: v >= 5 ? 1 : -1,
                partitionMaxBytes: 1_048_576,
              },
            ],
          },
        ],
        forgottenTopicsData: v >= 7 ? [{ topic: 'gone', partitions: [4] }] : [],
        rackId: v >= 11 ? 'r1' : '',
      });
    });

    it.each(KAFKAJS_VERSIONS)('v%i: kafkajs decodes our response, records included', async (v) => {
      const batch = await kafkajsRecordBatch([
        { key: 'k1', value: 'hello' },
        { key: null, value: 'world' },
      ]);
      const decoded = await kafkajsDecodeResponse(
        'fetch',
        v,
        encodeBody((w) => Fetch.encodeResponse(w, v, response(batch))),
      );
      const [p0, p1] = decoded.responses[0].partitions;
      expect(decoded.responses[0].topicName).toBe('orders');
      expect(p0).toMatchObject({
        partition: 0,
        errorCode: 0,
        highWatermark: '12',
        lastStableOffset: '12',
        abortedTransactions: [],
      });
      if (v >= 5) expect(p0.lastStartOffset).toBe('2');
      if (v >= 11) expect(p0.preferredReadReplica).toBe(-1);
      expect(
        p0.messages.map((m: { key: Buffer | null; value: Buffer }) => [m.key?.toString() ?? null, m.value.toString()]),
      ).toEqual([
        ['k1', 'hello'],
        [null, 'world'],
      ]);
      expect(p1).toMatchObject({ partition: 1, errorCode: 1, messages: [] });
      if (v >= 7) expect(decoded).toMatchObject({ errorCode: 0, sessionId: 0 });
      expect(v >= 8 ? decoded.clientSideThrottleTime : decoded.throttleTime).toBe(3);
    });

    it.each(KAFKAJS_VERSIONS)('v%i: records given as chunks go out uncopied, and kafkajs decodes them', async (v) => {
      // Three batches of ~6 KB at offsets 0, 2 and 4, in two chunks (as a read returns them).
      const batches = await Promise.all(
        [0, 2, 4].map(async (base) => {
          const batch = await kafkajsRecordBatch([
            { key: `k${base}`, value: 'x'.repeat(3000) },
            { key: `k${base + 1}`, value: 'y'.repeat(3000) },
          ]);
          batch.writeBigInt64BE(BigInt(base), 0);
          return batch;
        }),
      );
      const chunks = [batches[0]!, Buffer.concat(batches.slice(1))];
      const frame = encodeResponseFrameChunks(Fetch, v, 99, response(chunks));
      expect(frame).toContain(chunks[0]);
      expect(frame).toContain(chunks[1]);
      const joined = Buffer.concat(frame);
      expect(joined.equals(encodeResponseFrame(Fetch, v, 99, response(Buffer.concat(batches))))).toBe(true);
      expect(joined.readInt32BE(0)).toBe(joined.length - 4);
      const decoded = await kafkajsDecodeResponse('fetch', v, joined.subarray(8));
      const keys = decoded.responses[0].partitions[0].messages.map((m: { key: Buffer }) => m.key.toString());
      expect(keys).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5']);
    });
  });

  it.each([12, 13])('v%i: records given as chunks decode as the bytes joined', (v) => {
    const chunks = [Buffer.alloc(5000, 1), Buffer.alloc(7000, 2), Buffer.alloc(10, 3)];
    const frame = encodeResponseFrameChunks(Fetch, v, 7, response(chunks));
    expect(frame).toContain(chunks[0]);
    const { correlationId, response: decoded } = decodeResponseFrame(Fetch, v, Buffer.concat(frame).subarray(4));
    expect(correlationId).toBe(7);
    expect(decoded.responses[0]?.partitions[0]?.records).toEqual(Buffer.concat(chunks));
    expect(decoded.responses[0]?.partitions[1]?.records).toEqual(Buffer.alloc(0));
  });
});
