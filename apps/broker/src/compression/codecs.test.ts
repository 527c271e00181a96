import { isMiniKafkaError } from '@mini-kafka/protocol';
import {
  ATTRIBUTES_OFFSET,
  BATCH_LENGTH_OFFSET,
  CompressionCodec,
  encodeRecordBatch,
  LOG_OVERHEAD,
  MemoryLog,
  RECORDS_OFFSET,
  rewriteCrc,
} from '@mini-kafka/storage';
import { compressFrameSync } from 'lz4-napi';
import { compressSync } from 'snappy';
import { describe, expect, it } from 'vitest';
import { brokerInflaters, inflateLz4, inflateSnappy } from './codecs.js';

/** A batch of `values` with its records compressed by `compress`, as a Kafka producer sends it. */
function compressedBatch(values: string[], codec: number, compress: (data: Buffer) => Buffer): Buffer {
  const plain = encodeRecordBatch(values.map((value) => ({ value })));
  const out = Buffer.concat([plain.subarray(0, RECORDS_OFFSET), compress(plain.subarray(RECORDS_OFFSET))]);
  out.writeInt32BE(out.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
  out.writeInt16BE(codec, ATTRIBUTES_OFFSET);
  rewriteCrc(out, 0);
  return out;
}

describe('compression codecs', () => {
  const text = Buffer.from('record bytes '.repeat(200));

  it('inflates plain snappy and the xerial-framed snappy Java clients and librdkafka write', () => {
    const block = compressSync(text.subarray(0, 1000)) as Buffer;
    const rest = compressSync(text.subarray(1000)) as Buffer;
    expect(inflateSnappy(block)).toEqual(text.subarray(0, 1000));
    const header = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1]);
    const length = (b: Buffer) => {
      const l = Buffer.alloc(4);
      l.writeInt32BE(b.length);
      return l;
    };
    const framed = Buffer.concat([header, length(block), block, length(rest), rest]);
    expect(inflateSnappy(framed)).toEqual(text);
    expect(() => inflateSnappy(Buffer.concat([header, length(block), block.subarray(0, 3)]))).toThrow();
  });

  it('inflates LZ4 frames', () => {
    expect(inflateLz4(compressFrameSync(text))).toEqual(text);
  });

  it("lets the broker's logs decode snappy and lz4 batches; a log without them only stores them", async () => {
    const snappy = compressedBatch(['s1', 's2'], CompressionCodec.Snappy, (data) => compressSync(data) as Buffer);
    const lz4 = compressedBatch(['l1'], CompressionCodec.Lz4, (data) => compressFrameSync(data));
    const brokerLog = new MemoryLog({ inflaters: brokerInflaters });
    const plainLog = new MemoryLog();
    for (const log of [brokerLog, plainLog]) {
      await log.appendBatch(Buffer.from(snappy));
      await log.appendBatch(Buffer.from(lz4));
    }
    expect((await brokerLog.read(0)).records.map((r) => r.value?.toString())).toEqual(['s1', 's2', 'l1']);
    const error = await plainLog.read(0).catch((caught: unknown) => caught);
    expect(isMiniKafkaError(error, 'UNSUPPORTED_COMPRESSION_TYPE')).toBe(true);
    expect(Buffer.concat((await plainLog.readRaw(0)).chunks)).toEqual(
      Buffer.concat((await brokerLog.readRaw(0)).chunks),
    );
  });
});
