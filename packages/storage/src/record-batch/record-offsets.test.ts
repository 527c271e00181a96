import { describe, expect, it } from 'vitest';
import { rewriteCrc } from './batch-check.js';
import { ATTRIBUTES_OFFSET, BATCH_HEADER_SIZE } from './batch-header.js';
import { encodeRecordBatch } from './encode.js';
import { findBadRecordOffsets } from './record-offsets.js';

const records = [{ value: 'a' }, { value: 'b' }, { value: 'c' }];

describe('findBadRecordOffsets', () => {
  it('accepts batches whose records count 0, 1, 2, ...', () => {
    const batches = Buffer.concat([encodeRecordBatch(records), encodeRecordBatch([{ key: 'k', value: null }])]);
    expect(findBadRecordOffsets(batches)).toBe(-1);
  });

  it('names the batch whose record offset deltas are out of order', () => {
    const good = encodeRecordBatch(records);
    const bad = encodeRecordBatch(records);
    // Record 1's offset delta: after the first record (length varint + body) and its own length and fields.
    const firstLength = bad[BATCH_HEADER_SIZE]! >> 1;
    const second = BATCH_HEADER_SIZE + 1 + firstLength;
    const deltaAt = second + 1 + 1 + 1; // length, attributes, timestamp delta (one byte each here)
    expect(bad[deltaAt]).toBe(2); // zig-zag of 1
    bad[deltaAt] = 4; // zig-zag of 2
    rewriteCrc(bad, 0);
    expect(findBadRecordOffsets(Buffer.concat([good, bad]))).toBe(1);
  });

  it('does not inflate compressed batches', () => {
    const batch = encodeRecordBatch(records);
    batch.writeInt16BE(1, ATTRIBUTES_OFFSET); // claims gzip; records are not a gzip stream
    expect(findBadRecordOffsets(batch)).toBe(-1);
  });
});
