// OffsetDelete: round trips of its one version (never flexible), byte by byte (kafkajs 2.2.4 has no OffsetDelete).
import { describe, expect, it } from 'vitest';
import { encodeBody, requestRoundTrip, responseRoundTrip } from '../../testing/round-trip.js';
import { OffsetDelete } from './offset-delete.js';

describe('OffsetDelete', () => {
  it('v0 round trips', () => {
    const request = {
      groupId: 'g',
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0 }, { partitionIndex: 2 }] }],
    };
    expect(requestRoundTrip(OffsetDelete, 0, request).decoded).toEqual(request);
    const response = {
      errorCode: 0,
      throttleTimeMs: 0,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, errorCode: 86 }] }],
    };
    expect(responseRoundTrip(OffsetDelete, 0, response).decoded).toEqual(response);
  });

  it('v0 is the classic layout: int16 string lengths, int32 array counts', () => {
    const bytes = encodeBody((w) =>
      OffsetDelete.encodeRequest(w, 0, { groupId: 'g', topics: [{ name: 't', partitions: [{ partitionIndex: 1 }] }] }),
    );
    expect(bytes.toString('hex')).toBe('00016700000001000174000000010000000' + '1');
  });
});
