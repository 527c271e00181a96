/**
 * Conformance cases about transactions, part of `runLogConformance`: transactional batches,
 * COMMIT/ABORT markers (appendControl), the last stable offset, read_committed reads and
 * waits, the aborted-transactions list, epoch fencing by markers and INVALID_TXN_STATE. The
 * file log and the memory log share the producer state code; these hold their paths to it.
 */
import { expect, it } from 'vitest';
import { rewriteCrc } from '../record-batch/batch-check.js';
import {
  ATTRIBUTES_OFFSET,
  BASE_SEQUENCE_OFFSET,
  batchAttributes,
  CONTROL_MASK,
  TRANSACTIONAL_MASK,
} from '../record-batch/batch-header.js';
import { encodeRecordBatch } from '../record-batch/encode.js';
import { batchBases, expectError, type MakeLog, records } from '../testing/log-cases.js';
import { parseControlBatch } from './control-batches.js';
import { producerBatch } from './log-conformance-producers.case.js';
import type { PartitionLog } from './partition-log.js';

/** A transactional batch of `count` records from `producerId` at `epoch`, from `sequence`. */
export function txnBatch(producerId: number, epoch: number, sequence: number, count = 2, prefix = 't'): Buffer {
  const batch = producerBatch(producerId, epoch, sequence, count, prefix);
  batch.writeInt16BE(batchAttributes(batch, 0) | TRANSACTIONAL_MASK, ATTRIBUTES_OFFSET);
  rewriteCrc(batch, 0);
  return batch;
}

const commit = (producerId: number, producerEpoch = 0) => ({
  producerId,
  producerEpoch,
  commit: true,
  coordinatorEpoch: 3,
});
const abort = (producerId: number, producerEpoch = 0) => ({
  producerId,
  producerEpoch,
  commit: false,
  coordinatorEpoch: 3,
});

async function keysFrom(log: PartitionLog, offset: number, isolation?: 'read_committed'): Promise<string[]> {
  const read = await log.read(offset, { isolation, maxBytes: 1 << 20 });
  return read.records.map((record) => record.key?.toString() ?? '');
}

export function transactionCases(make: MakeLog): void {
  it('holds the last stable offset at an open transaction until its COMMIT marker', async () => {
    const log = await make();
    await log.append(records(2, 'plain'));
    expect(log.lastStableOffset).toBe(2);
    await log.appendBatch(txnBatch(5, 0, 0));
    await log.append(records(1, 'after'));
    expect(log.highWatermark).toBe(5);
    expect(log.lastStableOffset).toBe(2);
    expect(log.producers()).toEqual([
      expect.objectContaining({ producerId: 5, producerEpoch: 0, lastSequence: 1, currentTxnStartOffset: 2 }),
    ]);
    const marker = await log.appendControl(commit(5));
    expect(marker).toMatchObject({ baseOffset: 5, lastOffset: 5, recordCount: 1 });
    expect(log.lastStableOffset).toBe(6);
    expect(log.producers()[0]).toMatchObject({ currentTxnStartOffset: -1, coordinatorEpoch: 3 });
    expect(await log.abortedTransactions(0, 6)).toEqual([]);
    expect(await keysFrom(log, 0, 'read_committed')).toEqual(['plain-0', 'plain-1', 't0-0', 't0-1', 'after-0']);
  });

  it('stops read_committed raw reads at the LSO, and returns the marker to read_uncommitted ones', async () => {
    const log = await make();
    await log.append(records(1, 'plain'));
    await log.appendBatch(txnBatch(5, 0, 0));
    await log.append(records(1, 'after'));
    const committed = await log.readRaw(0, { isolation: 'read_committed' });
    expect(batchBases(Buffer.concat(committed.chunks))).toEqual([0]);
    expect(committed).toMatchObject({ nextOffset: 1, highWatermark: 4, lastStableOffset: 1 });
    await log.appendControl(commit(5));
    const all = Buffer.concat((await log.readRaw(0)).chunks);
    expect(batchBases(all)).toEqual([0, 1, 3, 4]);
    const marker = Buffer.concat((await log.readRaw(4)).chunks);
    expect(batchAttributes(marker, 0) & (CONTROL_MASK | TRANSACTIONAL_MASK)).toBe(CONTROL_MASK | TRANSACTIONAL_MASK);
    expect(parseControlBatch(marker, 0)).toEqual(commit(5));
    expect(marker.readInt32BE(BASE_SEQUENCE_OFFSET)).toBe(-1);
    expect((await log.readRaw(1, { isolation: 'read_committed' })).nextOffset).toBe(5);
  });

  it('records an ABORT, and decoded reads skip the aborted and control records in both isolation levels', async () => {
    const log = await make();
    await log.appendBatch(txnBatch(5, 0, 0, 2, 'a'));
    await log.appendBatch(txnBatch(6, 0, 0, 1, 'b'));
    await log.appendBatch(txnBatch(5, 0, 2, 1, 'a'));
    expect(log.lastStableOffset).toBe(0);
    await log.appendControl(abort(5));
    expect(log.lastStableOffset).toBe(2);
    await log.appendControl(commit(6));
    expect(log.lastStableOffset).toBe(6);
    expect(await log.abortedTransactions(0, 6)).toEqual([{ producerId: 5, firstOffset: 0 }]);
    expect(await keysFrom(log, 0)).toEqual(['b0-0']);
    expect(await keysFrom(log, 0, 'read_committed')).toEqual(['b0-0']);
    const read = await log.read(3);
    expect(read.records).toEqual([]);
    expect(read.nextOffset).toBe(6);
    expect(read.lastStableOffset).toBe(6);
  });

  it('lists aborted transactions whose marker is at or after the fetch offset and that start below the bound', async () => {
    const log = await make();
    await log.appendBatch(txnBatch(1, 0, 0)); // 0-1
    await log.appendControl(abort(1)); // 2
    await log.appendBatch(txnBatch(2, 0, 0)); // 3-4
    await log.appendControl(abort(2)); // 5
    await log.append(records(2)); // 6-7
    await log.appendBatch(txnBatch(1, 0, 2)); // 8-9
    await log.appendControl(abort(1)); // 10
    expect(await log.abortedTransactions(0, 11)).toEqual([
      { producerId: 1, firstOffset: 0 },
      { producerId: 2, firstOffset: 3 },
      { producerId: 1, firstOffset: 8 },
    ]);
    expect(await log.abortedTransactions(3, 11)).toEqual([
      { producerId: 2, firstOffset: 3 },
      { producerId: 1, firstOffset: 8 },
    ]);
    expect(await log.abortedTransactions(6, 8)).toEqual([]);
    expect(await log.abortedTransactions(0, 3)).toEqual([{ producerId: 1, firstOffset: 0 }]);
    expect(await keysFrom(log, 0)).toEqual(['r-0', 'r-1']);
  });

  it('fences a marker with an older epoch and takes a newer one as the producer epoch', async () => {
    const log = await make();
    await log.appendBatch(txnBatch(4, 2, 0));
    const end = log.logEndOffset;
    await expectError(log.appendControl(abort(4, 1)), 'INVALID_PRODUCER_EPOCH');
    expect(log.logEndOffset).toBe(end);
    expect(log.lastStableOffset).toBe(0);
    await log.appendControl(abort(4, 3));
    expect(log.lastStableOffset).toBe(log.highWatermark);
    expect(log.producers()[0]).toMatchObject({ producerEpoch: 3, currentTxnStartOffset: -1 });
    await expectError(log.appendBatch(txnBatch(4, 2, 2)), 'INVALID_PRODUCER_EPOCH');
    // As Kafka: after a marker bumped the epoch, the first batch at that epoch starts at sequence 0.
    await expectError(log.appendBatch(txnBatch(4, 3, 5)), 'OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect((await log.appendBatch(txnBatch(4, 3, 0))).baseOffset).toBe(end + 1);
    expect(log.lastStableOffset).toBe(end + 1);
  });

  it('writes a marker for a producer without a transaction here', async () => {
    const log = await make();
    expect(await log.appendControl(commit(9, 1))).toMatchObject({ baseOffset: 0, lastOffset: 0 });
    await log.appendControl(abort(9, 1));
    expect(log.logEndOffset).toBe(2);
    expect(log.lastStableOffset).toBe(2);
    expect(await log.abortedTransactions(0, 2)).toEqual([{ producerId: 9, firstOffset: 1 }]);
    expect(log.producers()).toEqual([
      expect.objectContaining({ producerId: 9, producerEpoch: 1, lastSequence: -1, currentTxnStartOffset: -1 }),
    ]);
  });

  it('refuses a non-transactional batch from a producer with an open transaction, and control batches from clients', async () => {
    const log = await make();
    await log.appendBatch(txnBatch(3, 0, 0));
    await expectError(log.appendBatch(producerBatch(3, 0, 2)), 'INVALID_TXN_STATE');
    await log.appendControl(commit(3));
    expect((await log.appendBatch(producerBatch(3, 0, 2))).baseOffset).toBe(3);
    const control = encodeRecordBatch(records(1), { producerId: 3, producerEpoch: 0, baseSequence: 5 });
    control.writeInt16BE(TRANSACTIONAL_MASK | CONTROL_MASK, ATTRIBUTES_OFFSET);
    rewriteCrc(control, 0);
    await expectError(log.appendBatch(control), 'INVALID_RECORD');
    const noSequence = txnBatch(3, 0, 0);
    noSequence.writeInt32BE(-1, BASE_SEQUENCE_OFFSET);
    rewriteCrc(noSequence, 0);
    await expectError(log.appendBatch(noSequence), 'INVALID_RECORD');
  });

  it('dedupes a retried transactional batch', async () => {
    const log = await make();
    const first = await log.appendBatch(txnBatch(2, 0, 0));
    expect(await log.appendBatch(txnBatch(2, 0, 0))).toMatchObject({ baseOffset: first.baseOffset });
    expect(log.logEndOffset).toBe(2);
    expect(log.lastStableOffset).toBe(0);
  });

  it('wakes read_committed waiters when a marker moves the LSO', async () => {
    const log = await make();
    await log.appendBatch(txnBatch(2, 0, 0));
    expect(await log.waitForData(0, 0, undefined, 'read_committed')).toBe(false);
    expect(await log.waitForData(0, 0)).toBe(true);
    const waiting = log.waitForData(0, 60_000, undefined, 'read_committed');
    await log.appendControl(commit(2));
    expect(await waiting).toBe(true);
  });

  it('forgets aborted transactions whose marker DeleteRecords moved below the log start', async () => {
    const log = await make();
    await log.appendBatch(txnBatch(1, 0, 0)); // 0-1
    await log.appendControl(abort(1)); // 2
    await log.appendBatch(txnBatch(1, 0, 2)); // 3-4
    await log.appendControl(abort(1)); // 5
    await log.append(records(1)); // 6
    await log.deleteRecords(3);
    expect(await log.abortedTransactions(0, 7)).toEqual([{ producerId: 1, firstOffset: 3 }]);
    await log.deleteRecords(6);
    expect(await log.abortedTransactions(6, 7)).toEqual([]);
    expect(await keysFrom(log, 6)).toEqual(['r-0']);
  });

  it('counts maxRecords in records returned, moving past hidden batches', async () => {
    const log = await make();
    await log.appendBatch(txnBatch(1, 0, 0, 3, 'x')); // 0-2
    await log.appendControl(abort(1)); // 3
    await log.append(records(4)); // 4-7
    const read = await log.read(0, { maxRecords: 2, isolation: 'read_committed' });
    expect(read.records.map((record) => record.offset)).toEqual([4, 5]);
    expect(read.nextOffset).toBe(6);
  });
}
