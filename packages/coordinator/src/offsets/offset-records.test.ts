import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commitRecord, decodeOffsetRecord, tombstoneRecord } from './offset-records.js';

function stored(record: { key?: unknown; value: unknown }): { key: Buffer | null; value: Buffer | null } {
  const bytes = (v: unknown) => (v === null || v === undefined ? null : Buffer.from(v as string));
  return { key: bytes(record.key), value: bytes(record.value) };
}

describe('offset records', () => {
  it('round-trips commits and tombstones', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.maxSafeNat(),
        fc.string({ maxLength: 100 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (groupId, topic, partition, offset, metadata, commitTimestamp) => {
          const entry = { topic, partition, offset, metadata, commitTimestamp };
          expect(decodeOffsetRecord(stored(commitRecord(groupId, entry)))).toEqual({
            groupId,
            topic,
            partition,
            value: { offset, metadata, commitTimestamp },
          });
          expect(decodeOffsetRecord(stored(tombstoneRecord(groupId, topic, partition)))).toEqual({
            groupId,
            topic,
            partition,
            value: null,
          });
        },
      ),
    );
  });

  it('writes readable JSON keys and values', () => {
    const record = commitRecord('g', { topic: 't', partition: 1, offset: 42, metadata: 'x', commitTimestamp: 7 });
    expect(record.key).toBe('{"v":1,"group":"g","topic":"t","partition":1}');
    expect(record.value).toBe('{"offset":42,"metadata":"x","commitTimestamp":7}');
  });

  it('rejects anything else without throwing', () => {
    fc.assert(
      fc.property(fc.option(fc.uint8Array()), fc.option(fc.uint8Array()), (key, value) => {
        const record = {
          key: key === null ? null : Buffer.from(key),
          value: value === null ? null : Buffer.from(value),
        };
        expect(() => decodeOffsetRecord(record)).not.toThrow();
      }),
    );
    const key = '{"v":1,"group":"g","topic":"t","partition":0}';
    for (const bad of [
      { key: null, value: '{}' },
      { key: '{"v":2,"group":"g","topic":"t","partition":0}', value: null },
      { key: '{"v":1,"group":"g","topic":"t","partition":-1}', value: null },
      { key, value: '{"offset":-3,"metadata":"","commitTimestamp":0}' }, // below the markers -1 and -2
      { key, value: '{"offset":1.5,"metadata":"","commitTimestamp":0}' },
      { key, value: '{"offset":1,"commitTimestamp":0}' },
      { key, value: 'not json' },
    ]) {
      expect(decodeOffsetRecord(stored(bad))).toBeUndefined();
    }
  });
});
