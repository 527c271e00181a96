// Produce: round trips at every version, and kafkajs 2.2.4 cross-checks in both directions.
import { describe, expect, it } from 'vitest';
import {
  kafkajsDecodeResponse,
  kafkajsLong,
  kafkajsReadBatch,
  kafkajsRecordBatch,
  kafkajsRequestBody,
} from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { Produce, type ProduceRequest, type ProduceResponse } from './produce.js';

const batch = Buffer.from('000000000000000000000031', 'hex');

const request: ProduceRequest = {
  transactionalId: null,
  acks: -1,
  timeoutMs: 30_000,
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, records: batch },
        { partitionIndex: 7, records: null },
      ],
    },
    { name: 'zß水', partitions: [] },
  ],
};

const response: ProduceResponse = {
  responses: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, errorCode: 0, baseOffset: 2 ** 40, logAppendTimeMs: -1, logStartOffset: 12 },
        { partitionIndex: 7, errorCode: 3, baseOffset: -1, logAppendTimeMs: 1_700_000_000_000, logStartOffset: -1 },
      ],
    },
  ],
  throttleTimeMs: 5,
};

describe('Produce', () => {
  it.each(versionsOf(Produce))('v%i request round trip', (v) => {
    expect(requestRoundTrip(Produce, v, request).decoded).toEqual(request);
    const transactional = { ...request, transactionalId: 'tx-1' };
    // transactional_id exists from v3; before, it decodes as null.
    expect(requestRoundTrip(Produce, v, transactional).decoded).toEqual(v >= 3 ? transactional : request);
  });

  it.each(versionsOf(Produce))('v%i response round trip (log_start_offset from v5, record errors from v8)', (v) => {
    const withErrors: ProduceResponse = {
      ...response,
      responses: [
        {
          name: 'orders',
          partitions: [
            {
              ...response.responses[0]!.partitions[0]!,
              recordErrors: [{ batchIndex: 3, batchIndexErrorMessage: 'bad record' }],
              errorMessage: 'one record is bad',
            },
            response.responses[0]!.partitions[1]!,
          ],
        },
      ],
    };
    const { decoded } = responseRoundTrip(Produce, v, withErrors);
    const partitions = decoded.responses[0]?.partitions;
    expect(partitions?.[0]).toEqual({
      ...response.responses[0]?.partitions[0],
      logStartOffset: v >= 5 ? 12 : -1,
      recordErrors: v >= 8 ? [{ batchIndex: 3, batchIndexErrorMessage: 'bad record' }] : [],
      errorMessage: v >= 8 ? 'one record is bad' : null,
    });
    expect(partitions?.[1]?.logAppendTimeMs).toBe(v >= 2 ? 1_700_000_000_000 : -1);
    expect(decoded.throttleTimeMs).toBe(v >= 1 ? 5 : 0);
  });

  it('defaults optional response fields', () => {
    const bare: ProduceResponse = {
      responses: [{ name: 't', partitions: [{ partitionIndex: 1, errorCode: 0, baseOffset: 0 }] }],
    };
    const decoded = decodeBody(
      encodeBody((w) => Produce.encodeResponse(w, 7, bare)),
      (r) => Produce.decodeResponse(r, 7),
    );
    expect(decoded).toEqual({
      responses: [
        {
          name: 't',
          partitions: [
            {
              partitionIndex: 1,
              errorCode: 0,
              baseOffset: 0,
              logAppendTimeMs: -1,
              logStartOffset: -1,
              recordErrors: [],
              errorMessage: null,
            },
          ],
        },
      ],
      throttleTimeMs: 0,
    });
  });

  it('refuses versions outside 0-9', () => {
    expect(() => encodeBody((w) => Produce.encodeRequest(w, -1, request))).toThrow(
      expect.objectContaining({ reason: 'unsupported-version' }),
    );
    expect(() => encodeBody((w) => Produce.encodeResponse(w, 10, response))).toThrow(
      expect.objectContaining({ reason: 'unsupported-version' }),
    );
  });

  describe('against kafkajs', () => {
    // kafkajs writes old MessageSets below v3; RecordBatch v2 travels from v3.
    // kafkajs 2.2.4 implements v0-7.
    const recordBatchVersions = versionsOf(Produce).filter((v) => v >= 3 && v <= 7);

    it.each(recordBatchVersions)('v%i: decodes the request kafkajs encodes', async (v) => {
      const body = await kafkajsRequestBody('produce', v, {
        acks: -1,
        timeout: 1000,
        transactionalId: null,
        producerId: kafkajsLong(-1),
        producerEpoch: 0,
        compression: 0,
        topicData: [
          {
            topic: 'orders',
            partitions: [
              {
                partition: 2,
                firstSequence: 0,
                messages: [
                  { key: 'k', value: 'v1' },
                  { key: null, value: 'v2' },
                ],
              },
            ],
          },
        ],
      });
      const decoded = decodeBody(body, (r) => Produce.decodeRequest(r, v));
      expect(decoded).toMatchObject({ transactionalId: null, acks: -1, timeoutMs: 1000 });
      expect(decoded.topics).toHaveLength(1);
      const partition = decoded.topics[0]?.partitions[0];
      expect(decoded.topics[0]?.name).toBe('orders');
      expect(partition?.partitionIndex).toBe(2);
      expect(partition?.records?.[16]).toBe(2); // RecordBatch magic
      expect(await kafkajsReadBatch(partition?.records as Buffer)).toEqual([
        { key: 'k', value: 'v1' },
        { key: null, value: 'v2' },
      ]);
    });

    it.each(recordBatchVersions)('v%i: kafkajs decodes our response', async (v) => {
      const body = encodeBody((w) => Produce.encodeResponse(w, v, response));
      const decoded = await kafkajsDecodeResponse('produce', v, body);
      expect(decoded.topics[0].topicName).toBe('orders');
      expect(decoded.topics[0].partitions[0]).toMatchObject({
        partition: 0,
        errorCode: 0,
        baseOffset: String(2 ** 40),
        logAppendTime: '-1',
        ...(v >= 5 ? { logStartOffset: '12' } : {}),
      });
      expect(decoded.topics[0].partitions[1]).toMatchObject({ partition: 7, errorCode: 3, baseOffset: '-1' });
      expect(v >= 6 ? decoded.clientSideThrottleTime : decoded.throttleTime).toBe(5);
    });

    it('a batch built by kafkajs travels through our request codec unchanged', async () => {
      const bytes = await kafkajsRecordBatch([{ key: 'a', value: 'b' }]);
      const withBatch: ProduceRequest = {
        ...request,
        topics: [{ name: 't', partitions: [{ partitionIndex: 0, records: bytes }] }],
      };
      expect(requestRoundTrip(Produce, 7, withBatch).decoded.topics[0]?.partitions[0]?.records).toEqual(bytes);
    });
  });
});
