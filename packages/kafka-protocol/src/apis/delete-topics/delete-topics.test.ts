// DeleteTopics: round trips at every version (names up to v5, names or ids from v6),
// kafkajs 2.2.4 cross-checks (v0-1), and the v6 layout byte by byte.
import { describe, expect, it } from 'vitest';
import { kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { DeleteTopics, type DeleteTopicsResponse } from './delete-topics.js';

const TOPIC_ID = '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0';
const ZERO = '00000000-0000-0000-0000-000000000000';

const response: DeleteTopicsResponse = {
  throttleTimeMs: 4,
  responses: [
    { name: 'orders', topicId: TOPIC_ID, errorCode: 0, errorMessage: null },
    { name: 'missing', errorCode: 3, errorMessage: 'Topic "missing" does not exist' },
  ],
};

describe('DeleteTopics', () => {
  it.each(versionsOf(DeleteTopics))('v%i request round trip', (v) => {
    const request =
      v >= 6
        ? {
            topics: [
              { name: 'orders', topicId: ZERO },
              { name: null, topicId: TOPIC_ID },
            ],
            timeoutMs: 1000,
          }
        : { topicNames: ['orders', 'zß'], timeoutMs: 1000 };
    expect(requestRoundTrip(DeleteTopics, v, request).decoded).toEqual({
      topics: [],
      topicNames: [],
      ...request,
    });
  });

  it.each(versionsOf(DeleteTopics))('v%i response round trip', (v) => {
    expect(responseRoundTrip(DeleteTopics, v, response).decoded).toEqual({
      throttleTimeMs: v >= 1 ? 4 : 0,
      responses: [
        { name: 'orders', topicId: v >= 6 ? TOPIC_ID : ZERO, errorCode: 0, errorMessage: null },
        {
          name: 'missing',
          topicId: ZERO,
          errorCode: 3,
          errorMessage: v >= 5 ? 'Topic "missing" does not exist' : null,
        },
      ],
    });
  });

  it('v6: a topic named by id alone, and an answer with a null name, byte by byte', () => {
    const request = { topics: [{ name: null, topicId: TOPIC_ID }], timeoutMs: 1 };
    expect(encodeBody((w) => DeleteTopics.encodeRequest(w, 6, request)).toString('hex')).toBe(
      ['02', '00', TOPIC_ID.replaceAll('-', ''), '00', '00000001', '00'].join(''),
    );
    const answer = { responses: [{ name: null, topicId: TOPIC_ID, errorCode: 100 }] };
    expect(responseRoundTrip(DeleteTopics, 6, answer).decoded.responses[0]).toEqual({
      name: null,
      topicId: TOPIC_ID,
      errorCode: 100,
      errorMessage: null,
    });
    expect(() => encodeBody((w) => DeleteTopics.encodeResponse(w, 5, answer))).toThrow(/cannot be null in v5/);
  });

  describe('against kafkajs', () => {
    it.each([0, 1])('v%i: decodes the request kafkajs encodes, and kafkajs decodes our response', async (v) => {
      const body = await kafkajsRequestBody('deleteTopics', v, { topics: ['orders', 'other'], timeout: 3000 });
      expect(decodeBody(body, (r) => DeleteTopics.decodeRequest(r, v))).toEqual({
        topics: [],
        topicNames: ['orders', 'other'],
        timeoutMs: 3000,
      });
      const decoded = await kafkajsDecodeResponse(
        'deleteTopics',
        v,
        encodeBody((w) => DeleteTopics.encodeResponse(w, v, response)),
      );
      expect(decoded.topicErrors).toEqual([
        { topic: 'missing', errorCode: 3 },
        { topic: 'orders', errorCode: 0 },
      ]);
    });
  });
});
