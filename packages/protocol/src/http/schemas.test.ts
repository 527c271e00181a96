import { describe, expect, it } from 'vitest';
import { ASSIGNOR_NAMES } from '../consumer-group.js';

import { fetchQuery } from './fetch.js';
import {
  assignorName,
  commitRequest,
  deleteOffsetsQuery,
  joinGroupRequest,
  listGroupsQuery,
  resetOffsetsRequest,
} from './groups.js';
import { MAX_CLIENT_ID_LENGTH, MAX_COMMIT_METADATA_LENGTH } from './limits.js';
import { produceRequest } from './produce.js';
import { createTopicRequest } from './topics.js';

describe('HTTP schemas', () => {
  it('fills defaults and rejects unsafe topic names', () => {
    // No partition count: the broker's --default-partitions decides.
    expect(createTopicRequest.parse({ name: 'orders' })).toEqual({
      name: 'orders',
      config: {},
      validateOnly: false,
    });
    for (const name of ['../x', '', '.', 'a b', 'x'.repeat(250)]) {
      expect(createTopicRequest.safeParse({ name }).success).toBe(false);
    }
    expect(createTopicRequest.safeParse({ name: 't', partitions: 0 }).success).toBe(false);
    expect(createTopicRequest.safeParse({ name: 't', partitions: 10_001 }).success).toBe(false);
    expect(createTopicRequest.safeParse({ name: 't', config: { retentionMs: 1.5 } }).success).toBe(false);
    expect(createTopicRequest.safeParse({ name: 't', config: { unknown: 1 } }).success).toBe(false);
  });

  it('accepts records with text, nulls, headers as a list or an object', () => {
    const parsed = produceRequest.parse({
      records: [
        { value: 'a' },
        { key: 'k', value: null, partition: 2, headers: { h: 'v' }, timestamp: 5 },
        { value: 'b', headers: [{ key: 'h', value: null }] },
      ],
    });
    expect(parsed.encoding).toBe('utf8');
    expect(parsed.records).toHaveLength(3);
    expect(produceRequest.safeParse({ records: [] }).success).toBe(false);
    expect(produceRequest.safeParse({ records: [{ value: 'x', partition: -1 }] }).success).toBe(false);
    expect(produceRequest.safeParse({ records: [{ value: 5 }] }).success).toBe(false);
    expect(produceRequest.safeParse({ encoding: 'hex', records: [{ value: 'x' }] }).success).toBe(false);
  });

  it('coerces and bounds fetch query parameters', () => {
    expect(fetchQuery.parse({ offset: '12' })).toEqual({
      offset: 12,
      maxRecords: 500,
      maxBytes: 1024 * 1024,
      waitMs: 0,
      encoding: 'utf8',
      isolation: 'read_committed',
    });
    expect(fetchQuery.safeParse({ offset: '-1' }).success).toBe(false);
    expect(fetchQuery.safeParse({ offset: 'abc' }).success).toBe(false);
    expect(fetchQuery.safeParse({ offset: '0', waitMs: '600000' }).success).toBe(false);
  });

  it('validates group requests', () => {
    expect(joinGroupRequest.safeParse({ topics: ['a'] }).success).toBe(true);
    expect(joinGroupRequest.safeParse({ topics: [] }).success).toBe(false);
    expect(joinGroupRequest.safeParse({ topics: ['a'], assignor: 'weird' }).success).toBe(false);
    expect(assignorName.options).toEqual([...ASSIGNOR_NAMES]);
    for (const assignor of ASSIGNOR_NAMES)
      expect(joinGroupRequest.parse({ topics: ['a'], assignor }).assignor).toBe(assignor);
    const clientId = (length: number) => ({ topics: ['a'], clientId: 'c'.repeat(length) });
    expect(joinGroupRequest.safeParse(clientId(MAX_CLIENT_ID_LENGTH)).success).toBe(true);
    expect(joinGroupRequest.safeParse(clientId(MAX_CLIENT_ID_LENGTH + 1)).success).toBe(false);
    const metadata = (length: number) => ({
      offsets: [{ topic: 'a', partition: 0, offset: 0, metadata: 'm'.repeat(length) }],
    });
    expect(commitRequest.safeParse(metadata(MAX_COMMIT_METADATA_LENGTH)).success).toBe(true);
    expect(commitRequest.safeParse(metadata(MAX_COMMIT_METADATA_LENGTH + 1)).success).toBe(false);
    expect(commitRequest.safeParse({ offsets: [{ topic: 'a', partition: 0, offset: -1 }] }).success).toBe(false);
    expect(resetOffsetsRequest.parse({ topic: 'a', to: 'earliest' }).to).toBe('earliest');
    expect(resetOffsetsRequest.parse({ topic: 'a', partition: 1, to: { offset: 5 } }).to).toEqual({ offset: 5 });
    expect(resetOffsetsRequest.safeParse({ topic: 'a', to: { offset: 5, timestamp: 1 } }).success).toBe(false);
  });

  it('reads group state filters in any case, and refuses names that are not states', () => {
    expect(listGroupsQuery.parse({})).toEqual({});
    expect(listGroupsQuery.parse({ state: 'stable,Empty' })).toEqual({ state: ['Stable', 'Empty'] });
    expect(listGroupsQuery.safeParse({ state: 'Dead' }).success).toBe(false);
    expect(listGroupsQuery.safeParse({ state: '' }).success).toBe(false);
    expect(deleteOffsetsQuery.parse({ topic: 'orders', partition: '3' })).toEqual({ topic: 'orders', partition: 3 });
    expect(deleteOffsetsQuery.safeParse({ topic: '../x' }).success).toBe(false);
    expect(deleteOffsetsQuery.safeParse({ topic: 'orders', partition: '-1' }).success).toBe(false);
  });
});
