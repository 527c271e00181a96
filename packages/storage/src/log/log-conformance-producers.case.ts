/**
 * Conformance cases about idempotent producers, part of `runLogConformance`: the file log
 * and the memory log must dedupe, refuse and expire alike (they share ProducerStateManager;
 * these cases hold their append paths to it).
 */
import { isMiniKafkaError, type ManualClock } from '@mini-kafka/protocol/core';
import { SeededRandom, testSeed } from '@mini-kafka/testing';
import { expect, it } from 'vitest';
import { rewriteCrc } from '../record-batch/batch-check.js';
import { ATTRIBUTES_OFFSET, TRANSACTIONAL_MASK } from '../record-batch/batch-header.js';
import { encodeRecordBatch } from '../record-batch/encode.js';
import { batchBases, expectError, type MakeLog, records } from '../testing/log-cases.js';
import type { PartitionLog } from './partition-log.js';
import { DEFAULT_PRODUCER_ID_EXPIRATION_MS } from './producer-state-manager.js';

const MAX_SEQUENCE = 0x7fffffff;

/** A batch of `count` records from producer `producerId` at `epoch`, starting at `sequence`. */
export function producerBatch(producerId: number, epoch: number, sequence: number, count = 3, prefix = 'p'): Buffer {
  return encodeRecordBatch(records(count, `${prefix}${sequence}`), {
    producerId,
    producerEpoch: epoch,
    baseSequence: sequence,
  });
}

async function keys(log: PartitionLog): Promise<string[]> {
  return (await log.read(log.logStartOffset)).records.map((record) => record.key?.toString() ?? '');
}

export function producerCases(make: MakeLog, clock: ManualClock): void {
  it('answers a retried batch with its original offsets and append time, and writes nothing', async () => {
    const log = await make();
    await log.append(records(2, 'other'));
    const first = await log.appendBatch(producerBatch(7, 0, 0));
    const appendTime = first.appendTime;
    clock.advance(1000);
    await log.append(records(1, 'between'));
    const end = log.logEndOffset;
    const retry = await log.appendBatch(producerBatch(7, 0, 0));
    expect(retry).toEqual({ baseOffset: 2, lastOffset: 4, recordCount: 3, appendTime });
    expect(log.logEndOffset).toBe(end);
    expect((await keys(log)).filter((key) => key.startsWith('p0'))).toEqual(['p0-0', 'p0-1', 'p0-2']);
  });

  it('dedupes any of the last 5 batches; an older one is out of order', async () => {
    const log = await make();
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await log.appendBatch(producerBatch(3, 0, i * 3)));
    const end = log.logEndOffset;
    for (let i = 1; i < 6; i++) {
      expect(await log.appendBatch(producerBatch(3, 0, i * 3))).toMatchObject({
        baseOffset: results[i]!.baseOffset,
        lastOffset: results[i]!.lastOffset,
      });
    }
    await expectError(log.appendBatch(producerBatch(3, 0, 0)), 'OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(log.logEndOffset).toBe(end);
  });

  it('refuses a sequence gap with OUT_OF_ORDER_SEQUENCE_NUMBER and stores nothing of it', async () => {
    const log = await make();
    await log.appendBatch(producerBatch(1, 0, 0));
    const error = await log.appendBatch(producerBatch(1, 0, 4)).catch((caught: unknown) => caught);
    expect(isMiniKafkaError(error, 'OUT_OF_ORDER_SEQUENCE_NUMBER')).toBe(true);
    expect((error as Error).message).toMatch(/sequence 4 .* expected 3/);
    expect(log.logEndOffset).toBe(3);
    expect((await log.appendBatch(producerBatch(1, 0, 3))).baseOffset).toBe(3);
  });

  it('fences a stale epoch; a new epoch must start at sequence 0', async () => {
    const log = await make();
    await log.appendBatch(producerBatch(9, 2, 0));
    await expectError(log.appendBatch(producerBatch(9, 1, 3)), 'INVALID_PRODUCER_EPOCH');
    await expectError(log.appendBatch(producerBatch(9, 3, 3)), 'OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect((await log.appendBatch(producerBatch(9, 3, 0))).baseOffset).toBe(3);
    // The bump forgot the old epoch's batches: its retry is now a stale epoch.
    await expectError(log.appendBatch(producerBatch(9, 2, 0)), 'INVALID_PRODUCER_EPOCH');
    expect(log.logEndOffset).toBe(6);
  });

  it('accepts an unknown producer at any sequence (Kafka since KIP-360)', async () => {
    const log = await make();
    expect((await log.appendBatch(producerBatch(42, 5, 1000))).baseOffset).toBe(0);
    expect((await log.appendBatch(producerBatch(42, 5, 1003))).baseOffset).toBe(3);
  });

  it('wraps sequences from 2^31 - 1 to 0', async () => {
    const log = await make();
    await log.appendBatch(producerBatch(5, 0, MAX_SEQUENCE - 1, 2));
    expect((await log.appendBatch(producerBatch(5, 0, 0, 2))).baseOffset).toBe(2);
    // A batch that itself crosses the wrap, and its retry.
    await log.appendBatch(producerBatch(6, 0, MAX_SEQUENCE - 1, 1));
    const crossing = await log.appendBatch(producerBatch(6, 0, MAX_SEQUENCE, 3));
    expect(await log.appendBatch(producerBatch(6, 0, MAX_SEQUENCE, 3))).toMatchObject({
      baseOffset: crossing.baseOffset,
    });
    expect((await log.appendBatch(producerBatch(6, 0, 2, 1))).baseOffset).toBe(crossing.lastOffset + 1);
  });

  it('dedupes records appended with a producer, across the batches they are cut into', async () => {
    const log = await make({ maxBatchBytes: 300 });
    const producer = { producerId: 11, producerEpoch: 0, baseSequence: 0 };
    const input = records(12, 'h', 20);
    const first = await log.append(input, producer);
    expect(first).toMatchObject({ baseOffset: 0, lastOffset: 11, recordCount: 12 });
    expect(batchBases(Buffer.concat((await log.readRaw(0)).chunks)).length).toBeGreaterThan(1);
    expect(await log.append(input, producer)).toEqual(first);
    expect(log.logEndOffset).toBe(12);
    const next = await log.append(records(2, 'n'), { ...producer, baseSequence: 12 });
    expect(next.baseOffset).toBe(12);
    await expectError(log.append(records(1, 'g'), { ...producer, baseSequence: 20 }), 'OUT_OF_ORDER_SEQUENCE_NUMBER');
  });

  it('refuses appends mixing producers, negative sequences and transactional batches without a producer', async () => {
    const log = await make();
    await expectError(
      log.appendBatch(Buffer.concat([producerBatch(1, 0, 0), producerBatch(2, 0, 0)])),
      'INVALID_RECORD',
    );
    await expectError(
      log.appendBatch(Buffer.concat([producerBatch(1, 0, 0), encodeRecordBatch(records(1))])),
      'INVALID_RECORD',
    );
    await expectError(log.appendBatch(producerBatch(1, 0, -1)), 'INVALID_RECORD');
    const transactional = encodeRecordBatch(records(1));
    transactional.writeInt16BE(TRANSACTIONAL_MASK, ATTRIBUTES_OFFSET);
    rewriteCrc(transactional, 0);
    await expectError(log.appendBatch(transactional), 'INVALID_RECORD');
    expect(log.logEndOffset).toBe(0);
  });

  it('forgets a producer producer.id.expiration.ms after its last append', async () => {
    const log = await make();
    await log.appendBatch(producerBatch(8, 0, 0));
    clock.advance(DEFAULT_PRODUCER_ID_EXPIRATION_MS - 1);
    expect((await log.appendBatch(producerBatch(8, 0, 0))).baseOffset).toBe(0);
    await log.appendBatch(producerBatch(8, 0, 3));
    clock.advance(DEFAULT_PRODUCER_ID_EXPIRATION_MS);
    // Unknown again: a late retry is no longer recognized (Kafka's behaviour too)...
    expect((await log.appendBatch(producerBatch(8, 0, 3))).baseOffset).toBe(6);
    clock.advance(DEFAULT_PRODUCER_ID_EXPIRATION_MS);
    // ...and any sequence is taken.
    expect((await log.appendBatch(producerBatch(8, 0, 100))).baseOffset).toBe(9);
  });

  it('stores each batch exactly once, in order, whatever mix of retries arrives (property)', async () => {
    const seed = testSeed();
    const random = SeededRandom.derive(seed, 'producer-retries');
    const log = await make();
    const producers = [0, 1, 2].map((producerId) => ({ producerId, next: 0, sent: [] as number[] }));
    for (let step = 0; step < 300; step++) {
      const producer = producers[random.int(producers.length)]!;
      const retry = producer.sent.length > 0 && random.int(3) === 0;
      const sequence = retry
        ? producer.sent[producer.sent.length - 1 - random.int(Math.min(5, producer.sent.length))]!
        : producer.next;
      const count = 1 + (sequence % 4);
      await log.appendBatch(producerBatch(producer.producerId, 0, sequence, count, `w${producer.producerId}-`));
      if (!retry) {
        producer.sent.push(sequence);
        producer.next += count;
      }
    }
    const stored = (await log.read(0, { maxBytes: 1 << 24 })).records.map((record) => record.key!.toString());
    for (const producer of producers) {
      const mine = stored.filter((key) => key.startsWith(`w${producer.producerId}-`));
      const expected = producer.sent.flatMap((sequence) =>
        Array.from({ length: 1 + (sequence % 4) }, (_, i) => `w${producer.producerId}-${sequence}-${i}`),
      );
      expect(mine, `seed ${seed}`).toEqual(expected);
    }
  });
}
