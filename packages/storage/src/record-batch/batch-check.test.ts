import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BatchProblem, checkBatch, isControlBatch, rewriteCrc } from './batch-check.js';
import {
  ATTRIBUTES_OFFSET,
  BATCH_HEADER_SIZE,
  BATCH_LENGTH_OFFSET,
  batchBaseOffset,
  batchLastOffset,
  batchSize,
  CONTROL_MASK,
  CRC_OFFSET,
  LAST_OFFSET_DELTA_OFFSET,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  MAX_TIMESTAMP_OFFSET,
  PARTITION_LEADER_EPOCH_OFFSET,
  RECORDS_COUNT_OFFSET,
  setBatchBaseOffset,
} from './batch-header.js';
import { decodeRecordBatches } from './decode.js';
import { encodeRecordBatch } from './encode.js';

const BATCH = encodeRecordBatch(
  [
    { key: 'k1', value: 'a value', headers: [{ key: 'h', value: 'v' }], timestamp: 1_000 },
    { key: null, value: Buffer.alloc(50, 1), timestamp: 1_007 },
    { key: 'k3', value: null, timestamp: 1_003 },
  ],
  { baseOffset: 0 },
);
const SIZE = BATCH.length;

function edited(edit: (b: Buffer) => void, crc = false): Buffer {
  const copy = Buffer.from(BATCH);
  edit(copy);
  if (crc) rewriteCrc(copy, 0);
  return copy;
}

const PROBLEMS: (BatchProblem | undefined)[] = [
  undefined,
  'truncated',
  'invalid-size',
  'unsupported-magic',
  'crc-mismatch',
  'invalid-offset-delta',
];

describe('checkBatch', () => {
  it('accepts a whole batch at any position, bounded by `end`', () => {
    const two = Buffer.concat([Buffer.from([9, 9, 9]), BATCH, BATCH]);
    expect(checkBatch(BATCH, 0)).toBeUndefined();
    expect(checkBatch(two, 3)).toBeUndefined();
    expect(checkBatch(two, 3 + SIZE)).toBeUndefined();
    expect(checkBatch(two, 3, 3 + SIZE)).toBeUndefined();
    expect(checkBatch(two, 3, 3 + SIZE - 1)).toBe('truncated');
  });

  it('reports every proper prefix as truncated', () => {
    for (let length = 0; length < SIZE; length++) {
      expect(checkBatch(BATCH.subarray(0, length), 0), `prefix of ${length} bytes`).toBe('truncated');
      const shifted = Buffer.concat([Buffer.alloc(7), BATCH.subarray(0, length)]);
      expect(checkBatch(shifted, 7), `prefix of ${length} bytes at 7`).toBe('truncated');
    }
  });

  it('reports a changed byte anywhere in attributes..end (or the CRC itself) as crc-mismatch', () => {
    for (let index = CRC_OFFSET; index < SIZE; index++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const batch = edited((b) => (b[index]! ^= mask));
        expect(checkBatch(batch, 0), `byte ${index} ^ ${mask}`).toBe('crc-mismatch');
      }
    }
  });

  it('ignores baseOffset and partitionLeaderEpoch, which the CRC does not cover', () => {
    expect(
      checkBatch(
        edited((b) => b.writeInt32BE(17, PARTITION_LEADER_EPOCH_OFFSET)),
        0,
      ),
    ).toBeUndefined();
    for (const offset of [1, 2 ** 32, 2 ** 40 + 5, Number.MAX_SAFE_INTEGER - 2]) {
      const batch = edited((b) => setBatchBaseOffset(b, 0, offset));
      expect(checkBatch(batch, 0)).toBeUndefined();
      expect(batchBaseOffset(batch, 0)).toBe(offset);
      expect(batchLastOffset(batch, 0)).toBe(offset + 2);
      expect(decodeRecordBatches(batch).map((r) => r.offset)).toEqual([offset, offset + 1, offset + 2]);
    }
  });

  it.each([0, 1, 3, -1])('reports magic %d as unsupported-magic', (magic) => {
    expect(
      checkBatch(
        edited((b) => b.writeInt8(magic, MAGIC_OFFSET)),
        0,
      ),
    ).toBe('unsupported-magic');
  });

  it.each([BATCH_HEADER_SIZE - LOG_OVERHEAD - 1, 12, 0, -1, -(2 ** 31)])(
    'reports batchLength %d as invalid-size',
    (length) => {
      expect(
        checkBatch(
          edited((b) => b.writeInt32BE(length, BATCH_LENGTH_OFFSET)),
          0,
        ),
      ).toBe('invalid-size');
    },
  );

  it('accepts batchLength 49, a bare header (records are not decoded)', () => {
    const bare = edited((b) => b.writeInt32BE(BATCH_HEADER_SIZE - LOG_OVERHEAD, BATCH_LENGTH_OFFSET)).subarray(
      0,
      BATCH_HEADER_SIZE,
    );
    expect(checkBatch(bare, 0)).toBe('crc-mismatch');
    rewriteCrc(bare, 0);
    expect(checkBatch(bare, 0)).toBeUndefined();
  });

  it('reports a batch larger than maxBatchSize as invalid-size', () => {
    expect(checkBatch(BATCH, 0, SIZE, SIZE)).toBeUndefined();
    expect(checkBatch(BATCH, 0, SIZE, SIZE - 1)).toBe('invalid-size');
  });

  it('checks lastOffsetDelta against the record count', () => {
    const delta = (d: number) => edited((b) => b.writeInt32BE(d, LAST_OFFSET_DELTA_OFFSET), true);
    const count = (c: number) => edited((b) => b.writeInt32BE(c, RECORDS_COUNT_OFFSET), true);
    expect(checkBatch(delta(-1), 0)).toBe('invalid-offset-delta');
    expect(checkBatch(delta(1), 0)).toBe('invalid-offset-delta'); // 3 records in a span of 2
    expect(checkBatch(delta(10), 0)).toBeUndefined(); // compacted: fewer records than offsets
    expect(checkBatch(count(-1), 0)).toBe('invalid-offset-delta');
    expect(checkBatch(count(4), 0)).toBe('invalid-offset-delta');
  });

  it('passes again after rewriteCrc following a change to a covered field', () => {
    const batch = edited((b) => b.writeBigInt64BE(5_000n, MAX_TIMESTAMP_OFFSET));
    expect(checkBatch(batch, 0)).toBe('crc-mismatch');
    rewriteCrc(batch, 0);
    expect(checkBatch(batch, 0)).toBeUndefined();
  });

  it('never throws, and never accepts more bytes than it was given', () => {
    const anyBytes = fc.uint8Array({ maxLength: 160 }).map((a) => Buffer.from(a));
    const mangled = fc
      .array(fc.record({ index: fc.nat(SIZE - 1), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 4 })
      .map((edits) =>
        edited((b) => {
          for (const { index, byte } of edits) b[index] = byte;
        }),
      );
    const truncated = fc.nat(SIZE).map((n) => BATCH.subarray(0, n));
    const input = fc
      .oneof(anyBytes, mangled, truncated)
      .chain((buffer) => fc.tuple(fc.constant(buffer), fc.nat(buffer.length), fc.integer({ min: 0, max: SIZE + 10 })));
    fc.assert(
      fc.property(input, ([buffer, position, maxBatchSize]) => {
        const problem = checkBatch(buffer, position, buffer.length, maxBatchSize);
        expect(PROBLEMS).toContain(problem);
        if (problem === undefined) expect(batchSize(buffer, position)).toBeLessThanOrEqual(buffer.length - position);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('isControlBatch', () => {
  it('reads attributes bit 5', () => {
    expect(isControlBatch(BATCH, 0)).toBe(false);
    expect(
      isControlBatch(
        edited((b) => b.writeInt16BE(CONTROL_MASK, ATTRIBUTES_OFFSET), true),
        0,
      ),
    ).toBe(true);
  });
});
