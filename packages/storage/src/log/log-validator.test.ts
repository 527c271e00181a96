import { type ErrorType, isMiniKafkaError } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import { rewriteCrc } from '../record-batch/batch-check.js';
import {
  ATTRIBUTES_OFFSET,
  BATCH_HEADER_SIZE,
  BATCH_LENGTH_OFFSET,
  CONTROL_MASK,
  CompressionCodec,
  LAST_OFFSET_DELTA_OFFSET,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  RECORDS_COUNT_OFFSET,
} from '../record-batch/batch-header.js';
import { encodeRecordBatch } from '../record-batch/encode.js';
import { validateBatches } from './log-validator.js';

const TP = { topic: 'orders', partition: 2 };
const LIMIT = 1000;
const SECRET = 'card-4111';
const GOOD = encodeRecordBatch([
  { key: 'a', value: SECRET },
  { key: 'b', value: SECRET },
  { key: 'c', value: SECRET },
]);

function edited(edit: (batch: Buffer) => void, crc = true): Buffer {
  const batch = Buffer.from(GOOD);
  edit(batch);
  if (crc) rewriteCrc(batch, 0);
  return batch;
}

/** Where record 1's offset delta is: after record 0 and record 1's length, attributes and timestamp delta (a byte each here). */
function secondRecordDeltaAt(batch: Buffer): number {
  const firstLength = batch[BATCH_HEADER_SIZE]! >> 1;
  return BATCH_HEADER_SIZE + 1 + firstLength + 3;
}

function errorOf(bytes: Buffer, limit = LIMIT): unknown {
  try {
    validateBatches(TP, bytes, limit);
  } catch (error) {
    return error;
  }
  return undefined;
}

function expectRefused(bytes: Buffer, type: ErrorType, batchIndex = 0): void {
  const error = errorOf(bytes);
  expect(isMiniKafkaError(error, type), `expected ${type}, got ${String(error)}`).toBe(true);
  const message = (error as Error).message;
  expect(message).toContain('orders-2');
  if (bytes.length > 0) expect(message).toContain(`batch ${batchIndex}`);
  expect(message).not.toContain(SECRET);
  expect(JSON.stringify(error)).not.toContain(SECRET);
}

describe('validateBatches: one rule table for every append of ready-made bytes', () => {
  it('accepts whole, intact batches back to back, compressed ones without inflating them', () => {
    const gzipFlag = edited((b) => b.writeInt16BE(CompressionCodec.Gzip, ATTRIBUTES_OFFSET)); // records are not gzip
    expect(errorOf(Buffer.concat([GOOD, GOOD, gzipFlag]))).toBeUndefined();
  });

  it('refuses an empty append (INVALID_RECORD)', () => {
    expectRefused(Buffer.alloc(0), 'INVALID_RECORD');
  });

  it('refuses bytes too short to frame a batch, or a length below a header (CORRUPT_MESSAGE)', () => {
    expectRefused(GOOD.subarray(0, LOG_OVERHEAD - 1), 'CORRUPT_MESSAGE');
    expectRefused(
      edited((b) => b.writeInt32BE(BATCH_HEADER_SIZE - LOG_OVERHEAD - 1, BATCH_LENGTH_OFFSET), false),
      'CORRUPT_MESSAGE',
    );
  });

  it('refuses a batch over maxBatchBytes, naming its size and the limit (MESSAGE_TOO_LARGE)', () => {
    const error = errorOf(GOOD, GOOD.length - 1);
    expect(isMiniKafkaError(error, 'MESSAGE_TOO_LARGE')).toBe(true);
    expect((error as Error).message).toContain(`${GOOD.length} bytes; the limit is ${GOOD.length - 1}`);
    expect(errorOf(GOOD, GOOD.length)).toBeUndefined();
  });

  it('refuses a cut header or batch (CORRUPT_MESSAGE)', () => {
    expectRefused(GOOD.subarray(0, BATCH_HEADER_SIZE - 1), 'CORRUPT_MESSAGE');
    expectRefused(GOOD.subarray(0, GOOD.length - 1), 'CORRUPT_MESSAGE');
  });

  it('refuses magic other than 2 (UNSUPPORTED_VERSION)', () => {
    expectRefused(
      edited((b) => b.writeInt8(1, MAGIC_OFFSET), false),
      'UNSUPPORTED_VERSION',
    );
  });

  it('refuses a CRC mismatch (CORRUPT_MESSAGE)', () => {
    expectRefused(
      edited((b) => (b[b.length - 1]! ^= 0x01), false),
      'CORRUPT_MESSAGE',
    );
  });

  it('refuses a record count larger than the offset span (INVALID_RECORD)', () => {
    expectRefused(
      edited((b) => b.writeInt32BE(1, LAST_OFFSET_DELTA_OFFSET)),
      'INVALID_RECORD',
    );
  });

  it('refuses a control batch (INVALID_RECORD)', () => {
    expectRefused(
      edited((b) => b.writeInt16BE(CONTROL_MASK, ATTRIBUTES_OFFSET)),
      'INVALID_RECORD',
    );
  });

  it('refuses uncompressed records whose offset deltas or count do not match the header (INVALID_RECORD)', () => {
    const skipped = edited((b) => {
      const at = secondRecordDeltaAt(b);
      expect(b[at]).toBe(2);
      b[at] = 4;
    });
    expectRefused(skipped, 'INVALID_RECORD');
    const fewer = edited((b) => b.writeInt32BE(2, RECORDS_COUNT_OFFSET));
    expectRefused(fewer, 'INVALID_RECORD');
  });

  it('names the first bad batch of an append, and checks framing before records', () => {
    const badCrc = edited((b) => (b[b.length - 1]! ^= 0x01), false);
    expectRefused(Buffer.concat([GOOD, GOOD, badCrc]), 'CORRUPT_MESSAGE', 2);
    const badDeltas = edited((b) => (b[secondRecordDeltaAt(b)] = 4));
    expectRefused(Buffer.concat([GOOD, badDeltas, badCrc]), 'INVALID_RECORD', 1);
    // A batch that is both corrupt and mis-numbered is reported as corrupt, as Kafka does.
    const both = edited((b) => (b[secondRecordDeltaAt(b)] = 4), false);
    expectRefused(Buffer.concat([GOOD, both]), 'CORRUPT_MESSAGE', 1);
  });

  it('never changes the bytes it checks', () => {
    const bytes = Buffer.concat([GOOD, GOOD]);
    const copy = Buffer.from(bytes);
    validateBatches(TP, bytes, LIMIT);
    expect(bytes.equals(copy)).toBe(true);
  });
});
