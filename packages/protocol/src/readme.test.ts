// The README's usage blocks for the binary transport and the RecordBatch codec, with the output they show.
import { describe, expect, it } from 'vitest';
import { decodeFetchFrame, encodeFetchFrame } from './index.js';
import { decodeRecordBatches, encodeRecordBatch } from './record-batch/index.js';

describe('README usage', () => {
  it('encodes and decodes a fetch frame as printed', () => {
    const bytes = encodeFetchFrame({
      generationId: -1,
      rebalanceRequired: false,
      partitions: [
        {
          topic: 'clicks',
          partition: 0,
          fetchOffset: 5,
          nextOffset: 5,
          highWatermark: 5,
          logStartOffset: 0,
          records: Buffer.alloc(0),
        },
      ],
    });
    expect([bytes.length, decodeFetchFrame(bytes).partitions[0]?.nextOffset]).toEqual([62, 5]);
  });

  it('encodes and decodes a batch as printed', () => {
    const batch = encodeRecordBatch([{ key: 'k', value: 'hello', headers: [{ key: 'h', value: 'x' }], timestamp: 1 }], {
      baseOffset: 7,
    });
    const [record] = decodeRecordBatches(batch);
    expect([batch.length, record?.offset, record?.value?.toString()]).toEqual([78, 7, 'hello']);
  });
});
