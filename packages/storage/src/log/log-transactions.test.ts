/**
 * The file log's transaction state on disk: the producer snapshot's ongoing transactions,
 * the per-segment .txnindex files of aborted transactions, their rebuild by recovery and their
 * deletion with their segments. (What both logs do alike is in log-conformance-transactions.case.ts.)
 */
import { readdir, readFile, stat, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultyFileSystem } from '../testing/faulty-file-system.js';
import { records } from '../testing/log-cases.js';
import { Log } from './log.js';
import type { LogConfig } from './log-config.js';
import { txnBatch } from './log-conformance-transactions.case.js';
import { parseTxnEntries, TXN_ENTRY_BYTES, txnIndexFileName } from './txn-index.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

async function openLog(directory: string, config: Partial<LogConfig> = {}): Promise<Log> {
  return Log.open({ directory, config: { flush: 'never', ...config }, topic: 't', partition: 0 });
}

const marker = (producerId: number, commit: boolean) => ({ producerId, producerEpoch: 0, commit, coordinatorEpoch: 1 });

/** Transaction state a reader sees. */
async function txnState(log: Log) {
  return {
    logEndOffset: log.logEndOffset,
    lastStableOffset: log.lastStableOffset,
    aborted: await log.abortedTransactions(0, log.logEndOffset),
    ongoing: log.producers().map((p) => [p.producerId, p.currentTxnStartOffset]),
  };
}

/** Aborts in two segments, a commit, and an open transaction of producer 3 left at the end. */
async function writeTransactions(log: Log): Promise<void> {
  await log.appendBatch(txnBatch(1, 0, 0)); // 0-1
  await log.appendControl(marker(1, false)); // 2
  await log.append(records(2)); // 3-4
  await log.roll();
  await log.appendBatch(txnBatch(2, 0, 0)); // 5-6
  await log.appendBatch(txnBatch(1, 0, 2)); // 7-8
  await log.appendControl(marker(2, true)); // 9
  await log.appendControl(marker(1, false)); // 10
  await log.roll();
  await log.appendBatch(txnBatch(3, 0, 0)); // 11-12
  await log.appendBatch(txnBatch(4, 0, 0)); // 13-14
  await log.appendControl(marker(4, false)); // 15
}

const EXPECTED = {
  logEndOffset: 16,
  lastStableOffset: 11,
  aborted: [
    { producerId: 1, firstOffset: 0 },
    { producerId: 1, firstOffset: 7 },
    { producerId: 4, firstOffset: 13 },
  ],
  ongoing: [
    [1, -1],
    [2, -1],
    [3, 11],
    [4, -1],
  ],
};

describe('Log transactions on disk', () => {
  it('writes one 34-byte .txnindex entry per ABORT into the segment holding the marker', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir);
    await writeTransactions(log);
    expect(await txnState(log)).toEqual(EXPECTED);
    const first = await readFile(join(dir, txnIndexFileName(0)));
    expect(first.length).toBe(TXN_ENTRY_BYTES);
    expect(first.readInt16BE(0)).toBe(0);
    expect(parseTxnEntries(first)).toEqual([{ producerId: 1, firstOffset: 0, lastOffset: 2, lastStableOffset: 3 }]);
    expect(parseTxnEntries(await readFile(join(dir, txnIndexFileName(5))))).toEqual([
      { producerId: 1, firstOffset: 7, lastOffset: 10, lastStableOffset: 11 },
    ]);
    expect(parseTxnEntries(await readFile(join(dir, txnIndexFileName(11))))).toEqual([
      { producerId: 4, firstOffset: 13, lastOffset: 15, lastStableOffset: 11 },
    ]);
    await log.close();
  });

  it('keeps open transactions, the LSO and the aborted list across a clean close, from snapshot and .txnindex', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir);
    await writeTransactions(log);
    await log.close();
    const reopened = await openLog(dir);
    expect(reopened.producerLoadReport.batchesScanned).toBe(0);
    expect(await txnState(reopened)).toEqual(EXPECTED);
    await reopened.appendControl(marker(3, true));
    expect(reopened.lastStableOffset).toBe(17);
    await reopened.close();
  });

  it('recovers the same state after an unclean stop, rebuilding a deleted or torn .txnindex it rescans', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir);
    await writeTransactions(log);
    // No close: the process "died". The active segment's index is lost, the one before torn.
    await unlink(join(dir, txnIndexFileName(11)));
    const reopened = await openLog(dir);
    expect(reopened.loadReport.cleanShutdown).toBe(false);
    expect(await txnState(reopened)).toEqual(EXPECTED);
    expect((await stat(join(dir, txnIndexFileName(11)))).size).toBe(TXN_ENTRY_BYTES);

    await truncate(join(dir, txnIndexFileName(11)), TXN_ENTRY_BYTES - 5);
    const again = await openLog(dir);
    expect(await txnState(again)).toEqual(EXPECTED);
    expect(parseTxnEntries(await readFile(join(dir, txnIndexFileName(11))))).toHaveLength(1);
    await again.close();
  });

  it('reopens a transaction whose marker a torn tail cut off', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir);
    await writeTransactions(log);
    const path = join(dir, `${String(11).padStart(20, '0')}.log`);
    await truncate(path, (await stat(path)).size - 10);
    const reopened = await openLog(dir);
    expect(reopened.logEndOffset).toBe(15);
    expect(await txnState(reopened)).toEqual({
      logEndOffset: 15,
      lastStableOffset: 11,
      aborted: EXPECTED.aborted.slice(0, 2),
      ongoing: [
        [1, -1],
        [2, -1],
        [3, 11],
        [4, 13],
      ],
    });
    expect(await readdir(dir)).not.toContain(txnIndexFileName(11));
    await reopened.close();
  });

  it('deletes .txnindex files with their segments, and forgets the aborted transactions below the log start', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir);
    await writeTransactions(log);
    await log.appendControl(marker(3, true));
    await log.deleteRecords(5);
    expect(await readdir(dir)).not.toContain(txnIndexFileName(0));
    expect(await readdir(dir)).toContain(txnIndexFileName(5));
    expect(await log.abortedTransactions(0, 17)).toEqual(EXPECTED.aborted.slice(1));
    await log.deleteRecords(17);
    const names = await readdir(dir);
    expect(names.filter((name) => name.endsWith('.txnindex'))).toEqual([]);
    expect(await log.abortedTransactions(17, 17)).toEqual([]);
    await log.close();
  });

  it('deletes .txnindex files with segments retention removes', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir, { retentionBytes: 1 });
    await writeTransactions(log);
    expect(await log.deleteOldSegments()).toBe(2);
    const names = await readdir(dir);
    expect(names.filter((name) => name.endsWith('.txnindex'))).toEqual([txnIndexFileName(11)]);
    expect(await log.abortedTransactions(0, 16)).toEqual([{ producerId: 4, firstOffset: 13 }]);
    await log.close();
  });

  it('under flush always, moves the LSO with the synced high watermark and wakes read_committed waiters', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir, { flush: 'always' });
    await log.appendBatch(txnBatch(1, 0, 0));
    const waiting = log.waitForData(0, 60_000, undefined, 'read_committed');
    expect(log.lastStableOffset).toBe(0);
    await log.appendControl(marker(1, false));
    expect(await waiting).toBe(true);
    expect(log.lastStableOffset).toBe(3);
    expect(parseTxnEntries(await readFile(join(dir, txnIndexFileName(0))))).toHaveLength(1);
    expect((await log.read(0, { isolation: 'read_committed' })).records).toEqual([]);
    await log.close();
  });

  it('rebuilds everything from the batches when no snapshot is left, .txnindex files included', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir);
    await writeTransactions(log);
    for (const name of await readdir(dir)) {
      if (name.endsWith('.snapshot') || name.endsWith('.txnindex')) await unlink(join(dir, name));
    }
    const reopened = await openLog(dir);
    expect(reopened.producerLoadReport.snapshotOffset).toBe(-1);
    expect(await txnState(reopened)).toEqual(EXPECTED);
    expect((await readdir(dir)).filter((name) => name.endsWith('.txnindex')).sort()).toEqual(
      [0, 5, 11].map(txnIndexFileName),
    );
    await reopened.close();
  });

  it('answers a marker whose .txnindex append failed, and writes the index whole at close', async () => {
    const dir = await dirs.make();
    const fs = new FaultyFileSystem();
    const log = await Log.open({ directory: dir, config: { flush: 'never' }, fs, topic: 't', partition: 0 });
    await log.appendBatch(txnBatch(1, 0, 0));
    fs.failOperation('open', 'EMFILE');
    expect((await log.appendControl(marker(1, false))).baseOffset).toBe(2);
    expect(await readdir(dir)).not.toContain(txnIndexFileName(0));
    expect(await log.abortedTransactions(0, 3)).toEqual([{ producerId: 1, firstOffset: 0 }]);
    fs.heal();
    await log.close();
    expect(parseTxnEntries(await readFile(join(dir, txnIndexFileName(0))))).toEqual([
      { producerId: 1, firstOffset: 0, lastOffset: 2, lastStableOffset: 3 },
    ]);
  });
});
