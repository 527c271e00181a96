import { appendFile, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FileSystem } from '../fs/file-system.js';
import { nodeFileSystem } from '../fs/node-file-system.js';
import type { RecordInput } from '../record-batch/record.js';
import { FaultyFileSystem } from '../testing/faulty-file-system.js';
import { CLEAN_SHUTDOWN_FILE } from './file-names.js';
import { Log } from './log.js';
import type { LogConfig } from './log-config.js';
import { runLogConformance } from './log-conformance.case.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

runLogConformance('Log', async ({ config, clock, inflaters }) =>
  Log.open({ directory: await dirs.make(), config, clock, inflaters, topic: 'file', partition: 0 }),
);

function records(count: number, prefix: string, size = 40): RecordInput[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${prefix}-${i}`,
    value: `${prefix}-${i}`.padEnd(size, '.'),
  }));
}

async function keysFrom(log: Log, offset = log.logStartOffset): Promise<string[]> {
  const keys: string[] = [];
  let next = offset;
  while (next < log.highWatermark) {
    const read = await log.read(next, { maxBytes: 64 * 1024 });
    keys.push(...read.records.map((r) => r.key!.toString()));
    next = read.nextOffset;
  }
  return keys;
}

async function openLog(directory: string, config: Partial<LogConfig> = {}, fs?: FileSystem): Promise<Log> {
  return Log.open({ directory, config: { flush: 'never', ...config }, fs, topic: 't', partition: 3 });
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('Log on disk', () => {
  it('names segment files by their 20-digit base offset', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir, { segmentBytes: 1024 });
    for (let i = 0; i < 10; i++) await log.append(records(5, `b${i}`));
    await log.close();
    const names = (await readdir(dir)).sort();
    expect(names).toContain('00000000000000000000.log');
    expect(names).toContain('00000000000000000000.index');
    expect(names).toContain('00000000000000000000.timeindex');
    expect(names).toContain(CLEAN_SHUTDOWN_FILE);
    const second = log.segmentBaseOffsets[1]!;
    expect(names).toContain(`${String(second).padStart(20, '0')}.log`);
  });

  it('keeps everything across a clean close and trusts its indexes', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir, { segmentBytes: 8192, indexIntervalBytes: 512 });
    for (let i = 0; i < 50; i++) await log.append(records(4, `b${i}`));
    const before = await keysFrom(log);
    await log.close();
    const indexSize = (await stat(join(dir, '00000000000000000000.index'))).size;
    expect(indexSize).toBeGreaterThan(0);
    expect(indexSize % 8).toBe(0);

    const reopened = await openLog(dir, { segmentBytes: 8192, indexIntervalBytes: 512 });
    expect(reopened.loadReport).toEqual({ cleanShutdown: true, truncatedBytes: 0, rebuiltIndexes: [], damage: [] });
    expect(reopened.logEndOffset).toBe(200);
    expect(await keysFrom(reopened)).toEqual(before);
    for (const offset of [0, 1, 77, 150, 199]) {
      expect((await reopened.read(offset)).records[0]!.offset).toBe(offset);
    }
    expect(await reopened.append(records(1, 'more'))).toMatchObject({ baseOffset: 200 });
    await reopened.close();
  });

  it('rebuilds a missing or corrupt index instead of trusting it', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir, { segmentBytes: 4096, indexIntervalBytes: 256 });
    for (let i = 0; i < 40; i++) await log.append(records(3, `b${i}`));
    const before = await keysFrom(log);
    const [first, second, third] = log.segmentBaseOffsets;
    await log.close();
    const name = (offset: number, suffix: string) => join(dir, `${String(offset).padStart(20, '0')}${suffix}`);
    await writeFile(name(first!, '.index'), Buffer.from([0, 0, 0, 9, 0x7f, 0xff, 0xff, 0xf0]));
    await writeFile(name(second!, '.timeindex'), Buffer.from('not a time index'));
    await truncate(name(third!, '.index'), 0);
    await writeFile(name(third!, '.index'), Buffer.alloc(5));

    const reopened = await openLog(dir, { segmentBytes: 4096, indexIntervalBytes: 256 });
    expect(reopened.loadReport.rebuiltIndexes).toEqual([first, second, third]);
    expect(await keysFrom(reopened)).toEqual(before);
    expect((await reopened.read(second! + 2)).records[0]!.offset).toBe(second! + 2);
    await reopened.close();
  });

  it('recovers after an unclean stop by cutting a torn tail', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir, { segmentBytes: 4096 });
    for (let i = 0; i < 30; i++) await log.append(records(2, `b${i}`));
    const before = await keysFrom(log);
    const tail = log.segmentBaseOffsets.at(-1)!;
    // No close: the process "died". A half-written batch follows the last good one.
    const partial = Buffer.concat((await log.readRaw(log.logEndOffset - 1)).chunks).subarray(0, 30);
    await appendFile(join(dir, `${String(tail).padStart(20, '0')}.log`), partial);

    const reopened = await openLog(dir, { segmentBytes: 4096 });
    expect(reopened.loadReport.cleanShutdown).toBe(false);
    expect(reopened.loadReport.truncatedBytes).toBe(30);
    expect(reopened.logEndOffset).toBe(60);
    expect(await keysFrom(reopened)).toEqual(before);
    await reopened.close();
  });

  it('keeps the log start offset DeleteRecords set across a clean close and an unclean stop', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir, { segmentBytes: 1024 });
    for (let i = 0; i < 10; i++) await log.append(records(5, `b${i}`));
    await log.deleteRecords(17);
    expect(await readFile(join(dir, 'log-start-offset-checkpoint'), 'utf8')).toBe('0\n17\n');
    expect(log.segmentBaseOffsets[0]).toBeGreaterThan(0);
    await log.close();

    const reopened = await openLog(dir, { segmentBytes: 1024 });
    expect(reopened.logStartOffset).toBe(17);
    expect((await reopened.read(17)).records[0]!.key?.toString()).toBe('b3-2');
    await expect(reopened.read(16)).rejects.toThrow(/out of range/);
    await reopened.deleteRecords(33);
    // No close: the process "died" right after answering.
    const afterCrash = await openLog(dir, { segmentBytes: 1024 });
    expect(afterCrash.loadReport.cleanShutdown).toBe(false);
    expect(afterCrash.logStartOffset).toBe(33);
    const kept = Array.from({ length: 17 }, (_, i) => 33 + i);
    expect(await keysFrom(afterCrash)).toEqual(kept.map((offset) => `b${Math.floor(offset / 5)}-${offset % 5}`));
    await afterCrash.close();
  });

  it('ignores a log start offset checkpoint it cannot read, starting at the first segment', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir);
    await log.append(records(5, 'a'));
    await log.deleteRecords(2);
    await log.close();
    await writeFile(join(dir, 'log-start-offset-checkpoint'), 'garbage');
    const reopened = await openLog(dir);
    expect(reopened.logStartOffset).toBe(0);
    await reopened.close();
  });

  it('never returns a stored batch whose CRC fails', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir, { segmentBytes: 4096 });
    for (let i = 0; i < 30; i++) await log.append(records(2, `b${i}`));
    await log.close();
    // Flip one value byte in the middle of the first segment (covered by the CRC).
    const file = join(dir, '00000000000000000000.log');
    const bytes = await readFile(file);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0x01;
    await writeFile(file, bytes);

    const reopened = await openLog(dir, { segmentBytes: 4096 });
    let offset = 0;
    const seen: number[] = [];
    let failure: unknown;
    while (failure === undefined) {
      try {
        const result = await reopened.read(offset);
        seen.push(...result.records.map((r) => r.offset));
        offset = result.nextOffset;
        expect(offset).toBeLessThan(60);
      } catch (error) {
        failure = error;
      }
    }
    expect(isMiniKafkaError(failure, 'CORRUPT_MESSAGE')).toBe(true);
    expect(seen.length).toBeLessThan(60);
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i));
    await reopened.close();
  });

  it('keeps a log usable after a write runs out of space, with nothing half-written', async () => {
    const dir = await dirs.make();
    const fs = new FaultyFileSystem();
    const log = await openLog(dir, {}, fs);
    await log.append(records(3, 'ok'));
    const size = log.size;
    fs.failWritesAfterBytes = 17;
    const error = await errorOf(log.append(records(3, 'lost')));
    expect(isMiniKafkaError(error, 'KAFKA_STORAGE_ERROR')).toBe(true);
    expect((error as Error).message).not.toContain('lost');
    expect(log.logEndOffset).toBe(3);
    expect(log.size).toBe(size);
    expect((await stat(join(dir, '00000000000000000000.log'))).size).toBe(size);
    fs.failWritesAfterBytes = undefined;
    expect(await log.append(records(1, 'next'))).toMatchObject({ baseOffset: 3 });
    await log.close();
    const reopened = await openLog(dir);
    expect(await keysFrom(reopened)).toEqual(['ok-0', 'ok-1', 'ok-2', 'next-0']);
    await reopened.close();
  });

  it('writes the batches of a split append in one write, all or nothing', async () => {
    const dir = await dirs.make();
    const fs = new FaultyFileSystem();
    const log = await openLog(dir, { maxBatchBytes: 500 }, fs);
    const writes = fs.writes;
    expect(await log.append(records(20, 'whole', 60))).toMatchObject({ baseOffset: 0, lastOffset: 19 });
    expect(fs.writes).toBe(writes + 1);
    const size = log.size;
    fs.failWritesAfterBytes = 700; // past the first batch, inside the second
    expect(isMiniKafkaError(await errorOf(log.append(records(20, 'torn', 60))), 'KAFKA_STORAGE_ERROR')).toBe(true);
    expect(log.logEndOffset).toBe(20);
    expect((await stat(join(dir, '00000000000000000000.log'))).size).toBe(size);
    fs.failWritesAfterBytes = undefined;
    await log.close();
    const reopened = await openLog(dir);
    expect(await keysFrom(reopened)).toEqual(records(20, 'whole').map((r) => r.key));
    await reopened.close();
  });
});

describe('write coalescing', () => {
  it('writes appends that queue up during a write together, in call order, each with its own offsets', async () => {
    const fs = new FaultyFileSystem();
    const log = await openLog(await dirs.make(), { flush: 'never' }, fs);
    const before = fs.writes;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(records(1, `w${i}`))));
    expect(results.map((r) => r.baseOffset)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(fs.writes - before).toBeLessThanOrEqual(3);
    expect(await keysFrom(log)).toEqual(Array.from({ length: 50 }, (_, i) => `w${i}-0`));
    await log.close();
  });

  it('rolls between coalesced appends when a segment fills up', async () => {
    const dir = await dirs.make();
    const log = await openLog(dir, { flush: 'never', segmentBytes: 1024 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => log.append(records(1, `r${i}`, 100))));
    expect(log.segmentCount).toBeGreaterThan(3);
    await log.close();
    const reopened = await openLog(dir, { segmentBytes: 1024 });
    expect(reopened.loadReport.rebuiltIndexes).toEqual([]);
    expect(await keysFrom(reopened)).toEqual(Array.from({ length: 40 }, (_, i) => `r${i}-0`));
    await reopened.close();
  });
});

describe('flush policies', () => {
  it('always: concurrent appends share fsyncs, and readers see only synced records', async () => {
    const dir = await dirs.make();
    let release: () => void = () => undefined;
    let gate = Promise.resolve();
    const faulty = new FaultyFileSystem();
    const gated: FileSystem = {
      ...nodeFileSystem,
      open: async (path) => {
        const handle = await faulty.open(path);
        return {
          ...handle,
          datasync: async () => {
            await gate;
            await handle.datasync();
          },
        };
      },
    };
    const log = await openLog(dir, { flush: 'always' }, gated);
    gate = new Promise<void>((resolve) => (release = resolve));
    const syncsBefore = faulty.datasyncs;
    let acknowledged = 0;
    const appends = Array.from({ length: 50 }, (_, i) => log.append(records(1, `c${i}`)).then(() => acknowledged++));
    await vi.waitFor(() => expect(log.logEndOffset).toBe(50));
    expect(acknowledged).toBe(0);
    expect(log.highWatermark).toBe(0);
    expect((await log.read(0)).records).toEqual([]);
    gate = Promise.resolve();
    release();
    await Promise.all(appends);
    expect(acknowledged).toBe(50);
    expect(log.highWatermark).toBe(50);
    expect(faulty.datasyncs - syncsBefore).toBeLessThanOrEqual(3);
    expect((await log.read(0)).records).toHaveLength(50);
    await log.close();
  });

  it('never: appends do not fsync; interval: a timer does', async () => {
    const neverFs = new FaultyFileSystem();
    const never = await openLog(await dirs.make(), { flush: 'never' }, neverFs);
    for (let i = 0; i < 5; i++) await never.append(records(1, `n${i}`));
    expect(neverFs.datasyncs).toBe(0);
    expect(never.highWatermark).toBe(5);
    await never.close();

    const intervalFs = new FaultyFileSystem();
    const interval = await openLog(await dirs.make(), { flush: 'interval', flushIntervalMs: 10 }, intervalFs);
    await interval.append(records(1, 'i'));
    expect(interval.highWatermark).toBe(1);
    await vi.waitFor(() => expect(intervalFs.datasyncs).toBeGreaterThan(0), { timeout: 5000 });
    await interval.close();
  });
});
