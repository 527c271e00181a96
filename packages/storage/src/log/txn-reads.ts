/**
 * What transactions hide from decoded reads (`read`, for the HTTP API and the SDK, whose
 * clients cannot filter batches themselves): control batches (the COMMIT/ABORT markers), and
 * the batches of transactions known to be aborted: a producer's batches from the aborted
 * transaction's first offset up to its ABORT marker. Raw reads return both; Kafka clients
 * drop them with the aborted-transactions list of the Fetch answer.
 */
import { batchBaseOffset, PRODUCER_ID_OFFSET } from '../record-batch/batch-header.js';
import { readInt64 } from '../record-batch/varint.js';
import { isControl } from './control-batches.js';
import type { ReadResult } from './partition-log.js';
import type { AbortedTxn } from './txn-index.js';

/** Decides per stored batch whether a decoded read passes over it. */
export type BatchFilter = (chunk: Buffer, at: number) => boolean;

/** The filter for a decoded read over batches whose markers may be in `aborted`. */
export function hiddenBatches(aborted: readonly AbortedTxn[]): BatchFilter {
  const byProducer = new Map<number, AbortedTxn[]>();
  for (const txn of aborted) {
    const list = byProducer.get(txn.producerId);
    if (list === undefined) byProducer.set(txn.producerId, [txn]);
    else list.push(txn);
  }
  return (chunk, at) => {
    if (isControl(chunk, at)) return true;
    if (byProducer.size === 0) return false;
    const txns = byProducer.get(readInt64(chunk, at + PRODUCER_ID_OFFSET));
    if (txns === undefined) return false;
    const base = batchBaseOffset(chunk, at);
    return txns.some((txn) => txn.firstOffset <= base && base < txn.lastOffset);
  };
}

/**
 * A decoded read that does not answer an empty page while visible records follow: when every
 * batch `readOnce` got was hidden (markers, aborted transactions), it reads on from its next
 * offset, with the same limits, until it has records or reaches the end readers may see (the
 * high watermark, or the LSO for read_committed).
 */
export async function readVisible(
  offset: number,
  committed: boolean,
  readOnce: (offset: number) => Promise<ReadResult>,
): Promise<ReadResult> {
  let result = await readOnce(offset);
  for (;;) {
    const end = committed ? result.lastStableOffset : result.highWatermark;
    if (result.records.length > 0 || result.nextOffset <= offset || result.nextOffset >= end) return result;
    offset = result.nextOffset;
    result = await readOnce(offset);
  }
}
