// CreatePartitions: round trips at every version, kafkajs 2.2.4 cross-checks (v0-1).
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { CreatePartitions, type CreatePartitionsRequest } from './create-partitions.js';

const request: CreatePartitionsRequest = {
  topics: [
    { name: 'orders', count: 5, assignments: null },
    { name: 'manual', count: 3, assignments: [{ brokerIds: [0] }, { brokerIds: [0, 1] }] },
  ],
  timeoutMs: 2000,
  validateOnly: true,
};

const response = {
  throttleTimeMs: 1,
  results: [
    { name: 'orders', errorCode: 0, errorMessage: null },
    { name: 'manual', errorCode: 37, errorMessage: 'Topic "manual" already has 3 partitions' },
  ],
};

describe('CreatePartitions', () => {
  it.each(versionsOf(CreatePartitions))('v%i round trips', (v) => {
    expect(requestRoundTrip(CreatePartitions, v, request).decoded).toEqual(request);
    expect(responseRoundTrip(CreatePartitions, v, response).decoded).toEqual(response);
  });

  describe('against kafkajs', () => {
    it.each([0, 1])('v%i: decodes the request kafkajs encodes, and kafkajs decodes our response', async (v) => {
      const body = await kafkajsRequestBody('createPartitions', v, {
        topicPartitions: [{ topic: 'orders', count: 4 }],
        timeout: 3000,
      });
      expect(decodeBody(body, (r) => CreatePartitions.decodeRequest(r, v))).toEqual({
        topics: [{ name: 'orders', count: 4, assignments: null }], // kafkajs writes no assignments as null
        timeoutMs: 3000,
        validateOnly: false,
      });
      const decoded = await kafkajsDecodeResponse(
        'createPartitions',
        v,
        encodeBody((w) => CreatePartitions.encodeResponse(w, v, response)),
      );
      expect(decoded.topicErrors).toEqual([
        { topic: 'manual', errorCode: 37, errorMessage: 'Topic "manual" already has 3 partitions' },
        { topic: 'orders', errorCode: 0, errorMessage: null },
      ]);
    });
  });
});
