/**
 * Transactional record batches and markers as a transactional producer and the transaction
 * coordinator write them, for tests: a RecordBatch v2 with the transactional bit (and the
 * control bit for a marker) set and its CRC-32C recomputed. Test-only; not built or published.
 */
import {
  ATTRIBUTES_OFFSET,
  CONTROL_MASK,
  CRC_OFFSET,
  crc32c,
  encodeRecordBatch,
  TRANSACTIONAL_MASK,
} from '@mini-kafka/protocol/record-batch';

function withAttributes(batch: Buffer, bits: number): Buffer {
  batch.writeInt16BE(batch.readInt16BE(ATTRIBUTES_OFFSET) | bits, ATTRIBUTES_OFFSET);
  batch.writeUInt32BE(crc32c(batch.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  return batch;
}

/** A transactional batch of `values` from the producer, its sequences from `baseSequence`. */
export function transactionalBatch(
  values: readonly string[],
  producer: { producerId: number; producerEpoch: number; baseSequence: number; baseOffset?: number },
): Buffer {
  return withAttributes(
    encodeRecordBatch(
      values.map((value) => ({ value })),
      producer,
    ),
    TRANSACTIONAL_MASK,
  );
}

/** A commit or abort marker (a control batch) of the producer at `baseOffset`. */
export function markerBatch(producerId: number, producerEpoch: number, commit: boolean, baseOffset: number): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(0, 0);
  key.writeInt16BE(commit ? 1 : 0, 2);
  const value = Buffer.alloc(6);
  return withAttributes(
    encodeRecordBatch([{ key, value }], { producerId, producerEpoch, baseOffset }),
    TRANSACTIONAL_MASK | CONTROL_MASK,
  );
}
