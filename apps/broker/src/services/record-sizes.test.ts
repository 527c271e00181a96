import { isMiniKafkaError } from '@mini-kafka/protocol';
import { ATTRIBUTES_OFFSET, encodeRecordBatch, rewriteCrc } from '@mini-kafka/storage';
import { SeededRandom, testSeed } from '@mini-kafka/testing';
import { describe, expect, it } from 'vitest';
import { checkRecordSizes } from './record-sizes.js';

const batches = Buffer.concat([
  encodeRecordBatch([{ value: 'small' }, { key: null, value: null }]),
  encodeRecordBatch([{ key: 'k'.repeat(10), value: 'v'.repeat(20), headers: [{ key: 'h', value: 'hhhhh' }] }]),
]);

function sizeError(bytes: Buffer, limit: number): unknown {
  try {
    checkRecordSizes(bytes, limit, 't', 0);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('checkRecordSizes', () => {
  it('counts key, value and headers as JSON produce does, naming the record and the limit', () => {
    expect(sizeError(batches, 36)).toBeUndefined();
    const error = sizeError(batches, 35);
    expect(isMiniKafkaError(error, 'MESSAGE_TOO_LARGE')).toBe(true);
    expect((error as Error).message).toBe('Record 2 for topic "t" is 36 bytes; the limit is 35');
  });

  it('leaves compressed batches to the batch limit', () => {
    const flagged = Buffer.from(batches);
    const second =
      batches.length -
      encodeRecordBatch([{ key: 'k'.repeat(10), value: 'v'.repeat(20), headers: [{ key: 'h', value: 'hhhhh' }] }])
        .length;
    flagged.writeInt16BE(1, second + ATTRIBUTES_OFFSET);
    rewriteCrc(flagged, second);
    expect(sizeError(flagged, 5)).toBeUndefined();
  });

  it('never throws anything else on cut or noisy bytes', () => {
    const random = SeededRandom.derive(testSeed(), 'record-sizes');
    for (let run = 0; run < 500; run++) {
      const bytes = Buffer.concat([batches.subarray(0, random.int(batches.length + 1)), random.bytes(random.int(300))]);
      for (let flips = bytes.length > 0 ? random.int(4) : 0; flips > 0; flips--)
        bytes[random.int(bytes.length)] = random.int(256);
      const error = sizeError(bytes, 35);
      expect(error === undefined || isMiniKafkaError(error, 'MESSAGE_TOO_LARGE')).toBe(true);
    }
  });
});
