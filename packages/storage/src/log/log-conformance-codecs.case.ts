/**
 * Conformance cases about compressed batches, part of `runLogConformance`: a log decodes
 * with the inflaters it was given, and two logs with different sets live side by side in
 * one process. A batch whose codec a log has no inflater for is still stored and served
 * raw; only decoding it fails.
 */

import { deflateRawSync, gzipSync, inflateRawSync } from 'node:zlib';
import { isMiniKafkaError } from '@mini-kafka/protocol/core';
import { expect, it } from 'vitest';
import { CompressionCodec } from '../record-batch/batch-header.js';
import type { Inflaters } from '../record-batch/compression.js';
import { encodeRecordBatch } from '../record-batch/encode.js';
import { compressedBatch } from '../testing/compressed-batch.js';
import { expectError } from '../testing/log-cases.js';
import type { PartitionLog } from './partition-log.js';

/** Opens a fresh log of the implementation under test with these inflaters. */
export type MakeLogWithInflaters = (inflaters: Inflaters | undefined) => Promise<PartitionLog>;

/** A stand-in for a codec storage does not have: raw deflate, flagged as snappy. */
const DEFLATE_AS_SNAPPY: Inflaters = { snappy: (data) => inflateRawSync(data) };

function batches(): { snappy: Buffer; gzip: Buffer } {
  const plain = encodeRecordBatch([
    { key: 'a', value: 'alpha', timestamp: 1_000 },
    { key: 'b', value: 'beta', timestamp: 2_000 },
  ]);
  return {
    snappy: compressedBatch(plain, CompressionCodec.Snappy, (data) => deflateRawSync(data)),
    gzip: compressedBatch(plain, CompressionCodec.Gzip, (data) => gzipSync(data)),
  };
}

export function codecCases(make: MakeLogWithInflaters): void {
  it('decodes with its own inflaters: logs with different codec sets coexist in one process', async () => {
    const withSnappy = await make(DEFLATE_AS_SNAPPY);
    const gzipOnly = await make(undefined);
    for (const log of [withSnappy, gzipOnly]) {
      const { snappy, gzip } = batches();
      expect(await log.appendBatch(snappy)).toMatchObject({ baseOffset: 0, lastOffset: 1 });
      expect(await log.appendBatch(gzip)).toMatchObject({ baseOffset: 2, lastOffset: 3 });
    }

    const decoded = await withSnappy.read(0);
    expect(decoded.records.map((r) => `${r.offset}:${r.key}=${r.value}`)).toEqual([
      '0:a=alpha',
      '1:b=beta',
      '2:a=alpha',
      '3:b=beta',
    ]);
    expect(await withSnappy.offsetForTimestamp(1_500)).toEqual({ offset: 1, timestamp: 2_000 });

    // The gzip-only log stored the same bytes and serves them raw; it cannot decode them.
    const raw = await gzipOnly.readRaw(0);
    expect(Buffer.concat(raw.chunks)).toEqual(Buffer.concat((await withSnappy.readRaw(0)).chunks));
    expect(raw.nextOffset).toBe(4);
    await expectError(gzipOnly.read(0), 'UNSUPPORTED_COMPRESSION_TYPE');
    await expectError(gzipOnly.offsetForTimestamp(1_500), 'UNSUPPORTED_COMPRESSION_TYPE');
    expect((await gzipOnly.read(2)).records.map((r) => r.offset)).toEqual([2, 3]);
  });

  it('names the offset, not the bytes, when it cannot decode a batch', async () => {
    const log = await make(undefined);
    await log.append([{ value: 'plain' }]);
    await log.appendBatch(batches().snappy);
    const error = await log.read(1).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isMiniKafkaError(error, 'UNSUPPORTED_COMPRESSION_TYPE')).toBe(true);
    expect((error as Error).message).toContain('offset 1');
    expect((error as Error).message).not.toContain('alpha');
  });
}
