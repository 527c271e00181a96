import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FileSystem } from '../fs/file-system.js';
import type { RecordInput } from '../record-batch/record.js';
import { FaultyFileSystem } from '../testing/faulty-file-system.js';
import { CLEAN_SHUTDOWN_FILE } from './file-names.js';
import { Log } from './log.js';
import type { LogConfig } from './log-config.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

function records(count: number, prefix: string, size = 40): RecordInput[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${prefix}-${i}`,
    value: `${prefix}-${i}`.padEnd(size, '.'),
  }));
}

async function keysFrom(log: Log, offset = log.logStartOffset): Promise<string[]> {
  const keys: string[] = [];
  for (let next = offset; next < log.highWatermark; ) {
    const read = await log.read(next, { maxBytes: 64 * 1024 });
    keys.push(...read.records.map((r) => r.key!.toString()));
    next = read.nextOffset;
  }
  return keys;
}

function openLog(directory: string, config: Partial<LogConfig> = {}, fs?: FileSystem): Promise<Log> {
  return Log.open({ directory, config: { flush: 'never', ...config }, fs, topic: 't', partition: 3 });
}

async function storageError(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isMiniKafkaError(error, 'KAFKA_STORAGE_ERROR'), `expected KAFKA_STORAGE_ERROR, got ${String(error)}`).toBe(
    true,
  );
  return error as Error;
}

const logFiles = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith('.log')).sort();

describe('Log after a failed write, roll or fsync (no restart needed)', () => {
  it('cuts a partial write it could not undo off at the next append, keeping every acknowledged record', async () => {
    const dir = await dirs.make();
    const fs = new FaultyFileSystem();
    const log = await openLog(dir, {}, fs);
    await log.append(records(2, 'ok'));
    const size = log.size;
    fs.failWritesAfterBytes = 40;
    fs.failTruncates = true;
    expect((await storageError(log.append(records(2, 'torn')))).message).toContain('no space left');
    fs.failWritesAfterBytes = undefined;
    // The cut still fails: refused, naming the cause.
    expect((await storageError(log.append(records(1, 'refused')))).message).toContain('accepts no appends');
    fs.failTruncates = false;
    expect(await log.append(records(1, 'next'))).toMatchObject({ baseOffset: 2 });
    expect((await stat(join(dir, '00000000000000000000.log'))).size).toBeGreaterThan(size);
    expect(await keysFrom(log)).toEqual(['ok-0', 'ok-1', 'next-0']);
    await log.close();
    const reopened = await openLog(dir);
    expect(reopened.loadReport).toMatchObject({ cleanShutdown: true, truncatedBytes: 0 });
    expect(await keysFrom(reopened)).toEqual(['ok-0', 'ok-1', 'next-0']);
    await reopened.close();
  });

  it('after a failed fsync under flush always, cuts back to the last good fsync before taking appends again', async () => {
    const dir = await dirs.make();
    const fs = new FaultyFileSystem();
    const log = await openLog(dir, { flush: 'always' }, fs);
    await log.append(records(1, 'ok'), { producerId: 7, producerEpoch: 0, baseSequence: 0 });
    fs.failSyncs = true;
    await storageError(log.append(records(1, 'unsynced'), { producerId: 7, producerEpoch: 0, baseSequence: 1 }));
    expect(log.highWatermark).toBe(1);
    expect(await keysFrom(log)).toEqual(['ok-0']);
    // While fsync still fails, the repair fails too and appends are refused.
    expect((await storageError(log.append(records(1, 'refused')))).message).toContain('(EIO)');
    fs.failSyncs = false;
    // The unacknowledged record is gone, and so is what the producer state knew of it: sequence 1 is new again.
    expect(await log.append(records(1, 'later'), { producerId: 7, producerEpoch: 0, baseSequence: 1 })).toMatchObject({
      baseOffset: 1,
    });
    expect(await keysFrom(log)).toEqual(['ok-0', 'later-0']);
    await log.close();
    const reopened = await openLog(dir);
    expect(await keysFrom(reopened)).toEqual(['ok-0', 'later-0']);
    await reopened.close();
  });

  it('after a failed fsync under flush never, keeps what it acknowledged and takes appends again', async () => {
    const dir = await dirs.make();
    const fs = new FaultyFileSystem();
    const log = await openLog(dir, { flush: 'never' }, fs);
    await log.append(records(3, 'acked'));
    fs.failSyncs = true;
    await storageError(log.flush());
    await storageError(log.append(records(1, 'refused')));
    fs.failSyncs = false;
    expect(await log.append(records(1, 'next'))).toMatchObject({ baseOffset: 3 });
    expect(await keysFrom(log)).toEqual(['acked-0', 'acked-1', 'acked-2', 'next-0']);
    await log.close();
  });

  it('leaves the active segment in place when a roll cannot write its indexes or its new segment', async () => {
    const dir = await dirs.make();
    const fs = new FaultyFileSystem();
    const log = await openLog(dir, { segmentBytes: 1024 }, fs);
    while (log.segmentCount === 1) await log.append(records(1, `a${log.logEndOffset}`, 100));
    const rolled = await logFiles(dir);
    const end = log.logEndOffset;
    const appendNeedingRoll = () => log.append(records(9, `r${log.logEndOffset}`, 100));
    for (const [operation, code, words] of [
      ['writeFileAtomic', 'ENOSPC', 'no space left'],
      ['open', 'EMFILE', 'too many open files'],
      ['syncDirectory', 'EMFILE', 'too many open files'],
    ] as const) {
      fs.failOperation(operation, code);
      const error = await storageError(appendNeedingRoll());
      expect(error.message).toContain(words);
      expect(error.message).not.toContain(dir);
      fs.heal();
      expect(await logFiles(dir)).toEqual(rolled);
      expect(log.logEndOffset).toBe(end);
    }
    await appendNeedingRoll();
    expect(log.segmentCount).toBe(3);
    await log.close();
    const reopened = await openLog(dir, { segmentBytes: 1024 });
    expect(reopened.logEndOffset).toBe(end + 9);
    await reopened.close();
  });

  it('closes its files even when closing cannot write (a full disk), and the next open recovers', async () => {
    const dir = await dirs.make();
    const fs = new FaultyFileSystem();
    const log = await openLog(dir, {}, fs);
    await log.append(records(3, 'kept'));
    fs.failOperation('writeFileAtomic', 'ENOSPC');
    await expect(log.close()).rejects.toThrow();
    expect(fs.openHandles).toBe(0);
    expect(await readdir(dir)).not.toContain(CLEAN_SHUTDOWN_FILE);
    const reopened = await openLog(dir);
    expect(reopened.loadReport.cleanShutdown).toBe(false);
    expect(await keysFrom(reopened)).toEqual(['kept-0', 'kept-1', 'kept-2']);
    await reopened.close();
  });

  it('leaks no file handle when creating a log fails after its segment file is open', async () => {
    const dir = await dirs.make();
    const fs = new FaultyFileSystem();
    fs.failOperation('syncDirectory', 'ENOSPC');
    await expect(openLog(dir, {}, fs)).rejects.toThrow('ENOSPC');
    expect(fs.openHandles).toBe(0);
  });

  it('leaks no file handle when opening an existing segment fails after its file is open', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir);
    await log.append(records(3, 'kept'));
    await log.close();
    const faulty = new FaultyFileSystem();
    const failingSize: FileSystem = Object.assign(Object.create(faulty) as FaultyFileSystem, {
      open: async (path: string) => ({
        ...(await faulty.open(path)),
        size: () => Promise.reject(Object.assign(new Error('EIO: injected fault'), { code: 'EIO' })),
      }),
    });
    await expect(openLog(dir, {}, failingSize)).rejects.toThrow('EIO');
    expect(faulty.openHandles).toBe(0);
  });

  it('discards: closes its files at once and writes nothing', async () => {
    const dir = await dirs.make();
    const fs = new FaultyFileSystem();
    const log = await openLog(dir, {}, fs);
    await log.append(records(3, 'gone'));
    const before = (await readdir(dir)).sort();
    const syncs = fs.datasyncs;
    await log.discard();
    expect(fs.openHandles).toBe(0);
    expect(fs.datasyncs).toBe(syncs);
    expect((await readdir(dir)).sort()).toEqual(before);
    await storageError(log.append(records(1, 'late')));
  });

  it('lets a read in flight on a segment being deleted finish on its own handle, then closes it', async () => {
    const dir = await dirs.make();
    const faulty = new FaultyFileSystem();
    let gate: Promise<void> | undefined;
    let waiting = 0;
    const gated: FileSystem = Object.assign(Object.create(faulty) as FaultyFileSystem, {
      open: async (path: string) => {
        const handle = await faulty.open(path);
        return {
          ...handle,
          read: async (buffer: Buffer, offset: number, length: number, position: number) => {
            if (gate !== undefined) {
              waiting++;
              await gate;
            }
            return handle.read(buffer, offset, length, position);
          },
        };
      },
    });
    const log = await openLog(dir, { segmentBytes: 1024 }, gated);
    while (log.segmentCount < 3) await log.append(records(1, `k${log.logEndOffset}`, 100));
    const firstSegmentKeys = await keysFrom(log);
    let release: () => void = () => undefined;
    gate = new Promise<void>((resolve) => (release = resolve));
    const reading = log.read(0, { maxBytes: 1 });
    await vi.waitFor(() => expect(waiting).toBe(1));
    const deleting = log.deleteRecords(log.segmentBaseOffsets[2]!);
    await vi.waitFor(async () => expect(await logFiles(dir)).toHaveLength(1));
    // The deleted segment the reader holds stays open for it; the other one is closed at once
    // (its close may still be finishing when the files are gone: wait for it).
    await vi.waitFor(() => expect(faulty.openHandles).toBe(2));
    gate = undefined;
    release();
    expect((await reading).records.map((r) => r.key!.toString())).toEqual([firstSegmentKeys[0]]);
    await deleting;
    expect(faulty.openHandles).toBe(1);
    expect(isMiniKafkaError(await log.read(0).catch((error: unknown) => error), 'OFFSET_OUT_OF_RANGE')).toBe(true);
    await log.close();
  });
});
