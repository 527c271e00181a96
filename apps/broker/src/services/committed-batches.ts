/**
 * What an HTTP reader of raw batches (the binary transport's fetches) is given of a read: the
 * stored batches without the control batches (commit and abort markers) and without the
 * batches of aborted transactions, so the SDK never sees either. Kafka clients do this
 * themselves from Fetch's aborted-transactions list; this is the same walk, on the broker.
 *
 * The walk, in offset order: an aborted transaction `{ producerId, firstOffset }` starts
 * dropping its producer's transactional batches at its first offset and stops at that
 * producer's next control batch (its abort marker). Kept batches stay views of the read's
 * buffers (consecutive kept batches of a chunk stay one view): nothing is copied.
 */

import { readInt64 } from '@mini-kafka/protocol/record-batch';
import type { AbortedTransaction } from '@mini-kafka/storage';
import {
  ATTRIBUTES_OFFSET,
  batchBaseOffset,
  batchSize,
  CONTROL_MASK,
  PRODUCER_ID_OFFSET,
  TRANSACTIONAL_MASK,
} from '@mini-kafka/storage';

export function withoutAbortedBatches(
  chunks: readonly Buffer[],
  aborted: readonly AbortedTransaction[],
): { chunks: Buffer[]; size: number } {
  const pending = [...aborted].sort((a, b) => a.firstOffset - b.firstOffset);
  let next = 0;
  const dropping = new Set<number>();
  const kept: Buffer[] = [];
  let size = 0;
  for (const chunk of chunks) {
    let runStart = -1;
    let at = 0;
    const endRun = (end: number): void => {
      if (runStart < 0) return;
      kept.push(runStart === 0 && end === chunk.length ? chunk : chunk.subarray(runStart, end));
      size += end - runStart;
      runStart = -1;
    };
    while (at < chunk.length) {
      const length = batchSize(chunk, at);
      const baseOffset = batchBaseOffset(chunk, at);
      while (next < pending.length && pending[next]!.firstOffset <= baseOffset)
        dropping.add(pending[next++]!.producerId);
      const attributes = chunk.readInt16BE(at + ATTRIBUTES_OFFSET);
      const producerId = readInt64(chunk, at + PRODUCER_ID_OFFSET);
      let drop = false;
      if ((attributes & CONTROL_MASK) !== 0) {
        drop = true;
        dropping.delete(producerId);
      } else if ((attributes & TRANSACTIONAL_MASK) !== 0 && dropping.has(producerId)) {
        drop = true;
      }
      if (drop) endRun(at);
      else if (runStart < 0) runStart = at;
      at += length;
    }
    endRun(chunk.length);
  }
  return { chunks: kept, size };
}
