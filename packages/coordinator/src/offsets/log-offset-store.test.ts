import { mkdir, readdir, rename, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ManualClock } from '@mini-kafka/protocol';
import { Log } from '@mini-kafka/storage';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { LogOffsetStore, type LogOffsetStoreOptions } from './log-offset-store.js';
import { offsetLogPaths } from './offset-log-files.js';
import type { CommittedOffset } from './offset-store.js';
import { runOffsetStoreConformance } from './offset-store-conformance.case.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const clock = new ManualClock();

runOffsetStoreConformance('LogOffsetStore', async () => LogOffsetStore.open({ dataDir: await dirs.make(), clock }));

function at(topic: string, partition: number, offset: number, metadata = ''): CommittedOffset {
  return { topic, partition, offset, metadata, commitTimestamp: clock.now() };
}

function open(dataDir: string, options: Partial<LogOffsetStoreOptions> = {}): Promise<LogOffsetStore> {
  return LogOffsetStore.open({ dataDir, clock, ...options });
}

/** A store in a fresh data dir holding `offset` for g/t/0, closed. */
async function closedStoreWith(offset: number): Promise<string> {
  const dataDir = await dirs.make();
  const store = await open(dataDir);
  await store.commit('g', [at('t', 0, offset)]);
  await store.close();
  return dataDir;
}

describe('LogOffsetStore on disk', () => {
  it('keeps its log in <dataDir>/~coordinator/offsets, which is no legal topic name', async () => {
    const dataDir = await dirs.make();
    const store = await open(dataDir);
    expect(store.directory).toBe(join(dataDir, '~coordinator', 'offsets'));
    await store.commit('g', [at('t', 0, 1)]);
    await store.close();
    expect(await readdir(join(dataDir, '~coordinator'))).toEqual(['offsets']);
    expect(await readdir(store.directory)).toContain('00000000000000000000.log');
  });

  it('takes the log directory as is, compacting beside it', async () => {
    const base = await dirs.make();
    const directory = join(base, 'somewhere', 'offsets-log');
    const store = await LogOffsetStore.open({ directory, clock, compactMinRecords: 5 });
    for (let i = 0; i < 20; i++) await store.commit('g', [at('t', 0, i)]);
    await store.idle();
    expect(store.stats.compactions).toBeGreaterThan(0);
    await store.close();
    expect(await readdir(join(base, 'somewhere'))).toEqual(['offsets-log']);
    const reopened = await LogOffsetStore.open({ directory, clock });
    expect(reopened.get('g', 't', 0)?.offset).toBe(19);
    await reopened.close();
    await expect(LogOffsetStore.open({ clock })).rejects.toMatchObject({ type: 'INVALID_CONFIG' });
    await expect(LogOffsetStore.open({ directory, dataDir: base })).rejects.toMatchObject({ type: 'INVALID_CONFIG' });
  });

  it('restores every commit and deletion after close and reopen', async () => {
    const dataDir = await dirs.make();
    const store = await open(dataDir);
    await store.commit('g1', [at('orders', 0, 10, 'first'), at('orders', 1, 20)]);
    await store.commit('g1', [at('orders', 0, 11, 'second')]);
    await store.commit('g2', [at('audit', 3, 7)]);
    await store.remove('g2', [{ topic: 'audit', partition: 3 }]);
    await store.close();

    const reopened = await open(dataDir);
    expect(reopened.list('g1')).toEqual([at('orders', 0, 11, 'second'), at('orders', 1, 20)]);
    expect(reopened.groupIds()).toEqual(['g1']);
    expect(reopened.openReport).toMatchObject({ recordsReplayed: 5, recordsSkipped: 0, recovered: false });
    await reopened.close();
  });

  it('keeps every acknowledged commit when reopened without a close (unclean stop)', async () => {
    const dataDir = await dirs.make();
    const store = await open(dataDir);
    const acknowledged: Promise<void>[] = [];
    for (let i = 0; i < 40; i++) acknowledged.push(store.commit('g', [at('t', i % 4, i)]));
    await Promise.all(acknowledged);

    const after = await open(dataDir); // the first store never closed
    expect(after.openReport.recovered).toBe(true);
    expect(after.list('g').map((e) => e.offset)).toEqual([36, 37, 38, 39]);
    await after.close();
    await store.close();
  });

  it('writes each call as one batch: a torn last write loses all of it, nothing before it', async () => {
    const dataDir = await dirs.make();
    const store = await open(dataDir);
    await store.commit('g', [at('t', 0, 5)]);
    const sizeBefore = (await stat(join(store.directory, '00000000000000000000.log'))).size;
    await store.commit('g', [at('t', 0, 6), at('t', 1, 6), at('t', 2, 6)]);
    const segment = join(store.directory, '00000000000000000000.log');
    const sizeAfter = (await stat(segment)).size;
    await truncate(segment, sizeAfter - 5); // the crash tore the second batch

    const after = await open(dataDir);
    expect(after.list('g')).toEqual([at('t', 0, 5)]);
    expect(sizeBefore).toBeGreaterThan(0);
    await after.close();
    await store.close();
  });

  it('compacts on open when the log holds far more records than live entries, keeping the latest offsets', async () => {
    const dataDir = await dirs.make();
    const store = await open(dataDir, { compactMinRecords: 1_000_000 });
    for (let i = 0; i < 100; i++) await store.commit('g', [at('t', i % 3, i, `m${i}`)]);
    await store.commit('gone', [at('t', 0, 1)]);
    await store.remove('gone', [{ topic: 't', partition: 0 }]);
    await store.close();

    const compacted = await open(dataDir, { compactMinRecords: 50 });
    expect(compacted.openReport.compacted).toBe(true);
    expect(compacted.stats).toEqual({ records: 3, live: 3, compactions: 1 });
    expect(compacted.list('g').map((e) => [e.partition, e.offset, e.metadata])).toEqual([
      [0, 99, 'm99'],
      [1, 97, 'm97'],
      [2, 98, 'm98'],
    ]);
    expect(compacted.groupIds()).toEqual(['g']);
    await compacted.commit('g', [at('t', 0, 100)]);
    await compacted.close();
    expect(await readdir(offsetLogPaths(dataDir).root)).toEqual(['offsets']);

    const again = await open(dataDir, { compactMinRecords: 50 });
    expect(again.openReport.compacted).toBe(false);
    expect(again.list('g').map((e) => e.offset)).toEqual([100, 97, 98]);
    expect(again.stats.records).toBe(4);
    await again.close();
  });

  it('does not compact below the thresholds', async () => {
    const dataDir = await dirs.make();
    const store = await open(dataDir, { compactMinRecords: 1_000_000 });
    for (let i = 0; i < 30; i++) await store.commit('g', [at('t', 0, i)]);
    await store.close();
    const reopened = await open(dataDir, { compactMinRecords: 10, compactRatio: 100 });
    expect(reopened.openReport.compacted).toBe(false);
    expect(reopened.stats.records).toBe(30);
    await reopened.close();
  });

  it('compacts in the background while commits keep arriving, in order', async () => {
    const dataDir = await dirs.make();
    const store = await open(dataDir, { compactMinRecords: 20 });
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 200; i++) {
      writes.push(store.commit('g', [at('t', i % 5, i)]));
      if (i === 120) writes.push(store.compact());
    }
    await Promise.all(writes);
    await store.idle();
    expect(store.stats.compactions).toBeGreaterThan(1);
    expect(store.warnings).toEqual([]);
    expect(store.list('g').map((e) => e.offset)).toEqual([195, 196, 197, 198, 199]);
    await store.close();

    const reopened = await open(dataDir, { compactMinRecords: 1_000_000 });
    expect(reopened.list('g').map((e) => e.offset)).toEqual([195, 196, 197, 198, 199]);
    await reopened.close();
  });

  it('discards an orphan offsets.new left by a crash during compaction', async () => {
    const dataDir = await closedStoreWith(5);
    const { next } = offsetLogPaths(dataDir);
    await mkdir(next);
    await writeFile(join(next, '00000000000000000000.log'), 'half-written junk');

    const store = await open(dataDir);
    expect(store.openReport.repairs).toEqual(['discarded an incomplete compaction (offsets.new)']);
    expect(store.get('g', 't', 0)?.offset).toBe(5);
    await store.close();
    expect(await readdir(offsetLogPaths(dataDir).root)).toEqual(['offsets']);
  });

  it.each([
    ['after the commit point, before the old log moved', false],
    ['after the old log moved aside', true],
  ])('finishes a swap interrupted %s', async (_, movedAside) => {
    const dataDir = await closedStoreWith(1);
    const compactedCopy = await closedStoreWith(2);
    const paths = offsetLogPaths(dataDir);
    if (movedAside) await rename(paths.current, paths.old);
    await rename(offsetLogPaths(compactedCopy).current, paths.ready);

    const store = await open(dataDir);
    expect(store.openReport.repairs).toContain('finished swapping in a completed compaction (offsets.ready)');
    expect(store.get('g', 't', 0)?.offset).toBe(2);
    await store.close();
    expect(await readdir(paths.root)).toEqual(['offsets']);
  });

  it('removes a replaced log left behind, or restores it when it is the only one', async () => {
    const dataDir = await closedStoreWith(3);
    const paths = offsetLogPaths(dataDir);
    await rename(paths.current, paths.old);
    const store = await open(dataDir);
    expect(store.openReport.repairs).toEqual(['restored the offsets log from offsets.old']);
    expect(store.get('g', 't', 0)?.offset).toBe(3);
    await store.close();

    const leftover = await closedStoreWith(9);
    await rename(offsetLogPaths(leftover).current, paths.old);
    const again = await open(dataDir);
    expect(again.openReport.repairs).toEqual(['removed the log replaced by a compaction (offsets.old)']);
    expect(again.get('g', 't', 0)?.offset).toBe(3);
    await again.close();
  });

  it('skips records it does not understand', async () => {
    const dataDir = await closedStoreWith(4);
    const log = await Log.open({ directory: offsetLogPaths(dataDir).current });
    await log.append([
      { key: 'not json', value: 'x' },
      { key: null, value: 'y' },
    ]);
    await log.close();
    const store = await open(dataDir);
    expect(store.openReport).toMatchObject({ recordsReplayed: 1, recordsSkipped: 2 });
    expect(store.get('g', 't', 0)?.offset).toBe(4);
    await store.close();
  });
});
