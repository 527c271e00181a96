// DeleteRecords: round trips at every version, kafkajs 2.2.4 cross-checks (v0-1), and the
// flexible v2 response byte by byte.

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { kafkajsRequestBody, type Loose } from '../../testing/kafkajs.js';
import { decodeBody, encodeBody, requestRoundTrip, responseRoundTrip, versionsOf } from '../../testing/round-trip.js';
import { DeleteRecords } from './delete-records.js';

const request = {
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, offset: 12 },
        { partitionIndex: 1, offset: -1 },
      ],
    },
  ],
  timeoutMs: 5000,
};

const response = {
  throttleTimeMs: 0,
  topics: [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, lowWatermark: 12, errorCode: 0 },
        { partitionIndex: 1, lowWatermark: -1, errorCode: 1 },
      ],
    },
  ],
};

describe('DeleteRecords', () => {
  it.each(versionsOf(DeleteRecords))('v%i round trips', (v) => {
    expect(requestRoundTrip(DeleteRecords, v, request).decoded).toEqual(request);
    expect(responseRoundTrip(DeleteRecords, v, response).decoded).toEqual(response);
  });

  it('v2 response, byte by byte', () => {
    const one = {
      throttleTimeMs: 0,
      topics: [{ name: 'a', partitions: [{ partitionIndex: 2, lowWatermark: 7, errorCode: 0 }] }],
    };
    expect(encodeBody((w) => DeleteRecords.encodeResponse(w, 2, one)).toString('hex')).toBe(
      ['00000000', '02', '0261', '02', '00000002', '0000000000000007', '0000', '00', '00', '00'].join(''),
    );
  });

  describe('against kafkajs', () => {
    it.each([0, 1])('v%i: decodes the request kafkajs encodes, and kafkajs decodes our response', async (v) => {
      const body = await kafkajsRequestBody('deleteRecords', v, {
        topics: [{ topic: 'orders', partitions: [{ partition: 3, offset: '42' }] }],
        timeout: 2000,
      });
      expect(decodeBody(body, (r) => DeleteRecords.decodeRequest(r, v))).toEqual({
        topics: [{ name: 'orders', partitions: [{ partitionIndex: 3, offset: 42 }] }],
        timeoutMs: 2000,
      });
      // kafkajs's DeleteRecords response module is a factory of the request's topics.
      const factory = createRequire(import.meta.url)(`kafkajs/src/protocol/requests/deleteRecords/v${v}/response.js`);
      const { decode } = factory({ topics: [] }) as { decode(bytes: Buffer): Promise<Loose> };
      const decoded = await decode(encodeBody((w) => DeleteRecords.encodeResponse(w, v, response)));
      expect(
        decoded.topics[0].partitions.map((p: { partition: number; lowWatermark: { toString(): string } }) => [
          p.partition,
          p.lowWatermark.toString(),
        ]),
      ).toEqual([
        [0, '12'],
        [1, '-1'],
      ]);
    });
  });
});
