import { decodeRecordBatches } from '@mini-kafka/protocol/record-batch';
import { describe, expect, it } from 'vitest';
import { markerBatch, transactionalBatch } from '../testing/transactional-batches.js';
import { withoutAbortedBatches } from './committed-batches.js';

/** The values of the records in `chunks`. */
function values(chunks: readonly Buffer[]): string[] {
  return chunks.flatMap((chunk) => decodeRecordBatches(chunk).map((record) => String(record.value)));
}

const A = { producerId: 7, producerEpoch: 0 };
const B = { producerId: 9, producerEpoch: 0 };

describe('withoutAbortedBatches', () => {
  // Offsets: 0-1 A (aborted), 2 B, 3 A's abort marker, 4 B, 5 B's commit marker, 6 A (next transaction, open).
  const log = [
    transactionalBatch(['a0', 'a1'], { ...A, baseSequence: 0, baseOffset: 0 }),
    transactionalBatch(['b0'], { ...B, baseSequence: 0, baseOffset: 2 }),
    markerBatch(A.producerId, A.producerEpoch, false, 3),
    transactionalBatch(['b1'], { ...B, baseSequence: 1, baseOffset: 4 }),
    markerBatch(B.producerId, B.producerEpoch, true, 5),
    transactionalBatch(['a2'], { ...A, baseSequence: 2, baseOffset: 6 }),
  ];

  it('drops the aborted transaction and every marker, keeping the rest in order', () => {
    const kept = withoutAbortedBatches([Buffer.concat(log)], [{ producerId: A.producerId, firstOffset: 0 }]);
    expect(values(kept.chunks)).toEqual(['b0', 'b1', 'a2']);
    expect(kept.size).toBe(kept.chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  });

  it('keeps views of the read buffers, batches cut at the same places across chunks', () => {
    const chunks = [Buffer.concat(log.slice(0, 3)), Buffer.concat(log.slice(3))];
    const kept = withoutAbortedBatches(chunks, [{ producerId: A.producerId, firstOffset: 0 }]);
    expect(values(kept.chunks)).toEqual(['b0', 'b1', 'a2']);
    expect(kept.chunks.every((chunk) => chunks.some((c) => c.buffer === chunk.buffer))).toBe(true);
  });

  it('drops only markers when nothing was aborted', () => {
    const kept = withoutAbortedBatches([Buffer.concat(log)], []);
    expect(values(kept.chunks)).toEqual(['a0', 'a1', 'b0', 'b1', 'a2']);
  });

  it('keeps a producer dropped until its marker, even past the end of the read', () => {
    const kept = withoutAbortedBatches(
      [Buffer.concat(log.slice(0, 2))],
      [{ producerId: A.producerId, firstOffset: 0 }],
    );
    expect(values(kept.chunks)).toEqual(['b0']);
  });
});
