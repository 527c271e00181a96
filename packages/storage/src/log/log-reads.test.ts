import { isMiniKafkaError, type MiniKafkaError } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import { onFreshView, type ReadView } from './log-reads.js';
import { SegmentClosedError } from './log-segment.js';

const tp = { topic: 'orders', partition: 2 };

/** A view numbered by how many times it was taken, so a test sees which one a read ran on. */
function views(): { take: () => ReadView; taken: () => number } {
  let taken = 0;
  return {
    take: () => {
      taken++;
      return { segments: [], highWatermark: taken, logStartOffset: 0 };
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
