import { describe, expect, it } from 'vitest';
import { offsetParam, partitionParam, topicParam } from './params.js';

describe('topicParam', () => {
  it('decodes a percent-encoded name and checks it', () => {
    expect(topicParam('orders')).toBe('orders');
    expect(topicParam('my%2Dtopic.v1')).toBe('my-topic.v1');
  });

  it('refuses names that are not Kafka topic names, decoded or not', () => {
    for (const raw of ['..', '%2E%2E', 'a%2Fb', '..%2F..%2Fetc', '', undefined, '%E0%A4%A', 'x'.repeat(250)]) {
      expect(() => topicParam(raw), String(raw)).toThrow(expect.objectContaining({ type: 'INVALID_TOPIC_EXCEPTION' }));
    }
  });
});

describe('partitionParam', () => {
  it('accepts 0 up to the largest int32', () => {
    expect(partitionParam('0')).toBe(0);
    expect(partitionParam('7')).toBe(7);
    expect(partitionParam('2147483647')).toBe(2_147_483_647);
  });

  it('refuses anything else with INVALID_REQUEST naming the parameter', () => {
    for (const raw of ['-1', '1.5', 'x', '', ' 1', '2147483648', '99999999999', undefined]) {
      expect(() => partitionParam(raw), String(raw)).toThrow(
        expect.objectContaining({ type: 'INVALID_REQUEST', message: 'partition must be a non-negative integer' }),
      );
    }
    expect(() => partitionParam('-1', 'partition_id')).toThrow('partition_id must be a non-negative integer');
  });
});

describe('offsetParam', () => {
  it('accepts 0 up to the largest safe integer', () => {
    expect(offsetParam('0')).toBe(0);
    expect(offsetParam('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses negative, fractional, unsafe and too long numbers', () => {
    for (const raw of ['-1', '1e3', '9007199254740992', '12345678901234567', 'abc', undefined]) {
      expect(() => offsetParam(raw), String(raw)).toThrow(
        expect.objectContaining({ type: 'INVALID_REQUEST', message: 'offset must be a non-negative integer' }),
      );
    }
  });
});
