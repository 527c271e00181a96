import { isMiniKafkaError, type MiniKafkaError } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INFLATERS } from '../record-batch/compression.js';
import { encodeRecordBatches } from '../record-batch/encode.js';
import { DECODE_SLICE_BYTES, decodeRead, onFreshView, type ReadView } from './log-reads.js';
import { SegmentClosedError } from './log-segment.js';

const tp = { topic: 'orders', partition: 2 };

/** A view numbered by how many times it was taken, so a test sees which one a read ran on. */
function views(): { take: () => ReadView; taken: () => number } {
  let taken = 0;
  return {
    take: () => {
      taken++;
      return { segments: [], highWatermark: taken, logStartOffset: 0, lastStableOffset: taken };
    },
    taken: () => taken,
  };
}

describe('onFreshView: a read whose segment retention deleted under it', () => {
  it('starts again on a fresh view and answers from it', async () => {
    const { take, taken } = views();
    const result = await onFreshView(tp, take, async (view) => {
      if (view.highWatermark < 3) throw new SegmentClosedError('segment 0 is closed');
      return view.highWatermark;
    });
    expect(result).toBe(3);
    expect(taken()).toBe(3);
  });

  it('gives up after four losses in a row with a retriable storage error naming the partition', async () => {
    const { take, taken } = views();
    const error = await onFreshView(tp, take, () => Promise.reject(new SegmentClosedError('gone'))).catch(
      (caught: unknown) => caught,
    );
    expect(isMiniKafkaError(error, 'KAFKA_STORAGE_ERROR')).toBe(true);
    const storage = error as MiniKafkaError;
    expect(storage.retriable).toBe(true);
    expect(storage.httpStatus).toBe(503);
    expect(storage.message).toContain('orders-2');
    expect(taken()).toBe(4);
  });

  it('passes any other error through at once', async () => {
    const { take, taken } = views();
    await expect(onFreshView(tp, take, () => Promise.reject(new Error('EIO')))).rejects.toThrow('EIO');
    expect(taken()).toBe(1);
  });
});

describe('decodeRead: the records of a large read', () => {
  // 4 MiB of 1 KiB records in batches of about 64 KiB, as a read of the log hands them over.
  const records = Array.from({ length: 4096 }, (_, i) => ({ key: `k${i}`, value: Buffer.alloc(1000, i % 251) }));
  const bytes = encodeRecordBatches(records, { maxBatchBytes: 64 * 1024 });
  const split = splitAtBatch(bytes, 2 * 1024 * 1024);
  const raw = {
    chunks: [bytes.subarray(0, split), bytes.subarray(split)],
    size: bytes.length,
    nextOffset: 4096,
    highWatermark: 4096,
    logStartOffset: 0,
    lastStableOffset: 4096,
  };

  it('lets the event loop turn while it decodes, and answers every record in order', async () => {
    const result = decodeRead(raw, 10, undefined, DEFAULT_INFLATERS);
    let turns = 0;
    let done = false;
    void result.then(() => (done = true));
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    const { records: decoded, nextOffset } = await result;
    expect(decoded.map((record) => record.offset)).toEqual(Array.from({ length: 4086 }, (_, i) => i + 10));
    expect(nextOffset).toBe(4096);
    // A turn after every DECODE_SLICE_BYTES (256 KiB) or so, a batch never split: 4 MiB in a dozen steps.
    expect(DECODE_SLICE_BYTES).toBeLessThanOrEqual(256 * 1024);
    expect(turns).toBeGreaterThanOrEqual(Math.floor(bytes.length / (256 * 1024 + 64 * 1024)));
  });

  it('stops at maxRecords, the next offset after the last record kept', async () => {
    const { records: decoded, nextOffset } = await decodeRead(raw, 0, 100, DEFAULT_INFLATERS);
    expect(decoded.map((record) => record.offset)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(nextOffset).toBe(100);
  });
});

/** The position of the first batch boundary at or after `at`. */
function splitAtBatch(batches: Buffer, at: number): number {
  let position = 0;
  while (position < at) position += batches.readInt32BE(position + 8) + 12;
  return position;
}
