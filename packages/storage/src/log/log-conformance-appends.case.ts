/**
 * Conformance cases about appending, part of `runLogConformance`: ready-made batches (held
 * to the log validator's rules) and records (split into batches under maxBatchBytes, in one
 * write).
 */
import { isMiniKafkaError } from '@mini-kafka/protocol/core';
import { expect, it } from 'vitest';
import { rewriteCrc } from '../record-batch/batch-check.js';
import {
  ATTRIBUTES_OFFSET,
  BATCH_HEADER_SIZE,
  batchSize,
  CONTROL_MASK,
  MAGIC_OFFSET,
} from '../record-batch/batch-header.js';
import { encodeRecordBatch } from '../record-batch/encode.js';
import { batchBases, expectError, type MakeLog, records } from '../testing/log-cases.js';

/** Registers the append cases; `make` opens a fresh log of the implementation under test. */
export function appendCases(make: MakeLog): void {
  it('appends ready-made batches, patching base offsets in place', async () => {
    const log = await make();
    await log.append(records(2));
    const one = encodeRecordBatch(records(3, 'x'), { baseOffset: 999 });
    const two = encodeRecordBatch(records(2, 'y'), { baseOffset: 5 });
    const both = Buffer.concat([one, two]);
    const result = await log.appendBatch(both);
    expect(result).toMatchObject({ baseOffset: 2, lastOffset: 6, recordCount: 5 });
    expect(batchBases(both)).toEqual([2, 5]);
    const read = await log.read(2);
    expect(read.records.map((r) => `${r.offset}:${r.key?.toString()}`)).toEqual([
      '2:x-0',
      '3:x-1',
      '4:x-2',
      '5:y-0',
      '6:y-1',
    ]);
  });

  it('rejects a bad batch with the right error and stores nothing of that append', async () => {
    const log = await make({ maxBatchBytes: 2000 });
    await log.append(records(1));
    const good = encodeRecordBatch(records(2));

    const badCrc = Buffer.from(good);
    badCrc[badCrc.length - 1]! ^= 0xff;
    await expectError(log.appendBatch(Buffer.concat([good, badCrc])), 'CORRUPT_MESSAGE');
    await expectError(log.appendBatch(good.subarray(0, good.length - 1)), 'CORRUPT_MESSAGE');
    await expectError(log.appendBatch(Buffer.alloc(0)), 'INVALID_RECORD');

    const oldMagic = Buffer.from(good);
    oldMagic[MAGIC_OFFSET] = 1;
    await expectError(log.appendBatch(oldMagic), 'UNSUPPORTED_VERSION');

    const control = Buffer.from(good);
    control.writeInt16BE(CONTROL_MASK, ATTRIBUTES_OFFSET);
    rewriteCrc(control, 0);
    await expectError(log.appendBatch(control), 'INVALID_RECORD');

    // Record 1's offset delta (after record 0, and record 1's length, attributes, timestamp delta) made 2.
    const misnumbered = Buffer.from(good);
    misnumbered[BATCH_HEADER_SIZE + 1 + (misnumbered[BATCH_HEADER_SIZE]! >> 1) + 3] = 4;
    rewriteCrc(misnumbered, 0);
    await expectError(log.appendBatch(Buffer.concat([good, misnumbered])), 'INVALID_RECORD');

    await expectError(log.appendBatch(encodeRecordBatch(records(30, 'big', 100))), 'MESSAGE_TOO_LARGE');
    await expectError(log.append([{ value: 'x'.repeat(2000) }]), 'MESSAGE_TOO_LARGE');
    await expectError(log.append([]), 'INVALID_RECORD');

    expect(log.logEndOffset).toBe(1);
    expect(await log.append(records(1, 'after'))).toMatchObject({ baseOffset: 1 });
    expect((await log.read(0)).records.map((r) => r.key?.toString())).toEqual(['r-0', 'after-0']);
  });

  it('splits appended records into batches under maxBatchBytes, with consecutive offsets', async () => {
    const log = await make({ maxBatchBytes: 1000 });
    await log.append(records(1, 'first'));
    const input = records(25, 'split', 100).map((record, i) => ({ ...record, timestamp: 5000 + (i % 7) * 10 }));
    expect(await log.append(input)).toMatchObject({ baseOffset: 1, lastOffset: 25, recordCount: 25 });
    const raw = await log.readRaw(1, { maxBytes: 1 << 20 });
    const bases = batchBases(Buffer.concat(raw.chunks));
    expect(bases.length).toBeGreaterThanOrEqual(3);
    for (let at = 0; at < Buffer.concat(raw.chunks).length; at += batchSize(Buffer.concat(raw.chunks), at)) {
      expect(batchSize(Buffer.concat(raw.chunks), at)).toBeLessThanOrEqual(1000);
    }
    const read = await log.read(1, { maxBytes: 1 << 20 });
    expect(read.records.map((r) => r.offset)).toEqual(Array.from({ length: 25 }, (_, i) => 1 + i));
    expect(read.records.map((r) => r.key?.toString())).toEqual(input.map((r) => r.key));
    expect(read.records.map((r) => r.value?.toString())).toEqual(input.map((r) => r.value));
    expect(read.records.map((r) => r.timestamp)).toEqual(input.map((r) => r.timestamp));
  });

  it('writes the batches of one split append together: concurrent appends never land between them', async () => {
    const log = await make({ maxBatchBytes: 600 });
    const results = await Promise.all([
      log.append(records(3, 'a')),
      log.append(records(20, 'split', 100)),
      log.append(records(3, 'b')),
    ]);
    const split = results[1]!;
    expect(split.lastOffset - split.baseOffset + 1).toBe(20);
    const read = await log.read(split.baseOffset, { maxBytes: 1 << 20 });
    expect(read.records.slice(0, 20).map((r) => r.key?.toString())).toEqual(records(20, 'split').map((r) => r.key));
  });

  it('refuses an append holding a record too large for any batch, writing none of it', async () => {
    const log = await make({ maxBatchBytes: 1000 });
    const error = await log
      .append([...records(10, 'small', 100), { key: 'huge', value: 'x'.repeat(1000) }, ...records(2, 'after')])
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(isMiniKafkaError(error, 'MESSAGE_TOO_LARGE')).toBe(true);
    expect((error as Error).message).toContain('the limit is 1000');
    expect((error as Error).message).not.toContain('xxxx');
    expect(log.logEndOffset).toBe(0);
    expect(log.size).toBe(0);
  });
}
