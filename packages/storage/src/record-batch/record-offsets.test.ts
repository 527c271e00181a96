import { describe, expect, it } from 'vitest';
import { rewriteCrc } from './batch-check.js';
import { BATCH_HEADER_SIZE, BATCH_LENGTH_OFFSET, LOG_OVERHEAD, RECORDS_COUNT_OFFSET } from './batch-header.js';
import { encodeRecordBatch } from './encode.js';
import { hasSequentialRecordOffsets } from './record-offsets.js';

const records = [{ value: 'a' }, { value: 'b' }, { value: 'c' }];

/** Where record 1's offset delta is, for `records`: after record 0 and record 1's length, attributes, timestamp delta. */
function secondDeltaAt(batch: Buffer): number {
  const firstLength = batch[BATCH_HEADER_SIZE]! >> 1; // zig-zag, one byte here
  return BATCH_HEADER_SIZE + 1 + firstLength + 1 + 1 + 1;
}

function edited(edit: (batch: Buffer) => Buffer | undefined): Buffer {
  const batch = encodeRecordBatch(records);
  const result = edit(batch) ?? batch;
  rewriteCrc(result, 0);
  return result;
}

describe('hasSequentialRecordOffsets', () => {
  it('accepts records counting 0, 1, 2, ... at any position', () => {
    const one = encodeRecordBatch([{ key: 'k', value: null }]);
    const three = encodeRecordBatch(records);
    const both = Buffer.concat([one, three]);
    expect(hasSequentialRecordOffsets(both, 0)).toBe(true);
    expect(hasSequentialRecordOffsets(both, one.length)).toBe(true);
  });

  it('refuses an offset delta out of sequence', () => {
    const batch = edited((b) => {
      expect(b[secondDeltaAt(b)]).toBe(2); // zig-zag of 1
      b[secondDeltaAt(b)] = 4; // zig-zag of 2
      return undefined;
    });
    expect(hasSequentialRecordOffsets(batch, 0)).toBe(false);
  });

  it('refuses a record count that does not match the records', () => {
    const fewer = edited((b) => {
      b.writeInt32BE(2, RECORDS_COUNT_OFFSET);
      return undefined;
    });
    expect(hasSequentialRecordOffsets(fewer, 0)).toBe(false);
    const more = edited((b) => {
      b.writeInt32BE(4, RECORDS_COUNT_OFFSET);
      return undefined;
    });
    expect(hasSequentialRecordOffsets(more, 0)).toBe(false);
  });

  it('refuses bytes after the last record and a record running past the batch', () => {
    const trailing = edited((b) => {
      const longer = Buffer.concat([b, Buffer.from([0, 0])]);
      longer.writeInt32BE(longer.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
      return longer;
    });
    expect(hasSequentialRecordOffsets(trailing, 0)).toBe(false);
    const overrun = edited((b) => {
      b[BATCH_HEADER_SIZE] = 0x7e; // record 0 claims 63 bytes
      return undefined;
    });
    expect(hasSequentialRecordOffsets(overrun, 0)).toBe(false);
  });

  it('never throws, whatever the record bytes', () => {
    const base = encodeRecordBatch(records);
    for (let index = BATCH_HEADER_SIZE; index < base.length; index++) {
      for (const byte of [0x00, 0x7f, 0x80, 0xff]) {
        const batch = Buffer.from(base);
        batch[index] = byte;
        expect(() => hasSequentialRecordOffsets(batch, 0)).not.toThrow();
      }
    }
  });
});
