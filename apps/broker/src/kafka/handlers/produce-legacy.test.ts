/**
 * Produce of magic 0/1 message sets (sarama's default, kafka-go): up-converted to
 * RecordBatch v2 on append, one append with consecutive offsets; a corrupt set is
 * CORRUPT_MESSAGE with nothing written.
 */
import { gzipSync } from 'node:zlib';
import type { ProduceRequest } from '@mini-kafka/kafka-protocol';
import { crc32, encodeLegacyMessageSet, type LegacyMagic } from '@mini-kafka/storage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callHandler, handlerContext, type TestHandlerContext } from '../testing/handler-context.js';
import { produceHandler } from './produce.js';

let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext();
  await ctx.logs.createTopic('t', { partitions: 1 });
});
afterEach(() => ctx.close());

const messages = (magic: LegacyMagic, ...values: string[]): Buffer =>
  encodeLegacyMessageSet(
    values.map((value, i) => ({
      offset: i,
      timestamp: 1_000 + i,
      key: Buffer.from(`k${i}`),
      value: Buffer.from(value),
    })),
    magic,
  ).bytes;

/** A gzip wrapper around `inner`, as old producers compress: codec 1 in the attributes, CRC redone. */
function gzipWrapper(magic: LegacyMagic, inner: Buffer, lastOffset: number): Buffer {
  const wrapper = encodeLegacyMessageSet(
    [{ offset: lastOffset, timestamp: 2_000, key: null, value: gzipSync(inner) }],
    magic,
  ).bytes;
  wrapper.writeInt8(1, 17);
  wrapper.writeUInt32BE(crc32(wrapper.subarray(16)), 12);
  return wrapper;
}

const request = (records: Buffer): ProduceRequest => ({
  transactionalId: null,
  acks: -1,
  timeoutMs: 30_000,
  topics: [{ name: 't', partitions: [{ partitionIndex: 0, records }] }],
});

async function produce(records: Buffer, version: number) {
  const response = await callHandler(produceHandler, ctx, version, request(records));
  return response?.responses[0]?.partitions[0];
}

const stored = async () =>
  (await ctx.logs.getLog('t', 0).read(0)).records.map((r) => [
    r.offset,
    r.timestamp,
    r.key?.toString(),
    r.value?.toString(),
  ]);

describe('Produce of magic 0/1 message sets', () => {
  it('up-converts magic 0 (timestamp -1) and magic 1 (its timestamps) with consecutive offsets', async () => {
    expect(await produce(messages(0, 'a', 'b'), 0)).toMatchObject({ errorCode: 0, baseOffset: 0 });
    expect(await produce(messages(1, 'c', 'd', 'e'), 2)).toMatchObject({ errorCode: 0, baseOffset: 2 });
    expect(await stored()).toEqual([
      [0, -1, 'k0', 'a'],
      [1, -1, 'k1', 'b'],
      [2, 1_000, 'k0', 'c'],
      [3, 1_001, 'k1', 'd'],
      [4, 1_002, 'k2', 'e'],
    ]);
  });

  it('unwraps gzip wrappers of magic 1 (relative inner offsets) and magic 0', async () => {
    const set = Buffer.concat([gzipWrapper(1, messages(1, 'a', 'b'), 1), gzipWrapper(0, messages(0, 'c'), 0)]);
    expect(await produce(set, 2)).toMatchObject({ errorCode: 0, baseOffset: 0 });
    expect(await stored()).toEqual([
      [0, 1_000, 'k0', 'a'],
      [1, 1_001, 'k1', 'b'],
      [2, -1, 'k0', 'c'],
    ]);
  });

  it('answers CORRUPT_MESSAGE for a wrong CRC or a cut-off set, writing nothing', async () => {
    const bad = messages(1, 'a', 'b');
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 0xff, bad.length - 1);
    const cut = messages(0, 'a', 'b').subarray(0, 40);
    for (const records of [bad, cut]) {
      const answer = await produce(records, 2);
      expect(answer).toMatchObject({ errorCode: 2, baseOffset: -1 });
    }
    expect(ctx.logs.getLog('t', 0).logEndOffset).toBe(0);
  });
});
