import { stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { ManualClock } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { LogOffsetStore, type LogOffsetStoreOptions } from './log-offset-store.js';
import type { CommittedOffset } from './offset-store.js';
import { runTxnOffsetStoreConformance } from './offset-store-txn-conformance.case.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const clock = new ManualClock();

runTxnOffsetStoreConformance('LogOffsetStore', async () => LogOffsetStore.open({ dataDir: await dirs.make(), clock }));

function at(topic: string, partition: number, offset: number): CommittedOffset {
  return { topic, partition, offset, metadata: '', commitTimestamp: clock.now() };
}

function open(dataDir: string, options: Partial<LogOffsetStoreOptions> = {}): Promise<LogOffsetStore> {
  return LogOffsetStore.open({ dataDir, clock, ...options });
}

describe('LogOffsetStore: pending transactional offsets on disk', () => {
  it('restores what is still pending after a reopen, and the transaction completes afterwards', async () => {
    const dataDir = await dirs.make();
    const store = await open(dataDir);
    await store.commit('g', [at('t', 0, 1)]);
    await store.commitPending('g', 5, [at('t', 0, 10)]);
    await store.commitPending('g', 6, [at('t', 1, 20)]);
    await store.completePending('g', 6, true);
    await store.commitPending('h', 5, [at('t', 0, 30)]);
    await store.completePending('h', 5, false);
    await store.close();

    const reopened = await open(dataDir);
    expect(reopened.list('g').map((e) => [e.partition, e.offset])).toEqual([
      [0, 1],
      [1, 20],
    ]);
    expect(reopened.pending('g', 5)).toEqual([at('t', 0, 10)]);
    expect(reopened.pendingProducers('g')).toEqual([5]);
    expect(reopened.pendingGroupIds()).toEqual(['g']);
    expect(reopened.groupIds()).toEqual(['g']);
    await reopened.completePending('g', 5, true);
    await reopened.close();

    const again = await open(dataDir);
    expect(again.get('g', 't', 0)?.offset).toBe(10);
    expect(again.pendingGroupIds()).toEqual([]);
    await again.close();
  });

  it('keeps which came first, a plain commit or a pending offset, through compaction', async () => {
    const dataDir = await dirs.make();
    const store = await open(dataDir);
    await store.commitPending('g', 4, [at('t', 0, 10), at('t', 1, 11)]);
    await store.commit('g', [at('t', 1, 50)]);
    await store.compact();
    await store.close();
    const reopened = await open(dataDir);
    await reopened.completePending('g', 4, true);
    expect(reopened.list('g').map((e) => [e.partition, e.offset])).toEqual([
      [0, 10],
      [1, 50],
    ]);
    await reopened.close();
  });

  it('keeps offsets pending when a crash tore the completion record off the log', async () => {
    const dataDir = await dirs.make();
    const store = await open(dataDir);
    await store.commitPending('g', 5, [at('t', 0, 10)]);
    await store.completePending('g', 5, true);
    await store.close();
    const segment = join(store.directory, '00000000000000000000.log');
    await truncate(segment, (await stat(segment)).size - 3);
    const reopened = await open(dataDir);
    expect(reopened.openReport.damaged).toHaveLength(1);
    expect(reopened.pending('g', 5)).toEqual([at('t', 0, 10)]);
    expect(reopened.get('g', 't', 0)).toBeUndefined();
    await reopened.completePending('g', 5, true); // the transaction coordinator re-sends its marker
    expect(reopened.get('g', 't', 0)?.offset).toBe(10);
    await reopened.close();
  });

  it('replays a removal after a pending commit in log order', async () => {
    const dataDir = await dirs.make();
    const store = await open(dataDir);
    await store.commitPending('g', 5, [at('t', 0, 10)]);
    await store.remove('g', [{ topic: 't', partition: 0 }]);
    await store.close();
    const reopened = await open(dataDir);
    expect(reopened.hasPending('g', 't', 0)).toBe(false);
    await reopened.close();
  });

  it('keeps pending offsets through compaction, on open and in the background', async () => {
    const dataDir = await dirs.make();
    const store = await open(dataDir, { compactMinRecords: 10 });
    await store.commitPending('g', 9, [at('t', 3, 33)]);
    for (let i = 0; i < 40; i++) await store.commit('g', [at('t', 0, i)]);
    await store.idle();
    expect(store.stats.compactions).toBeGreaterThan(0);
    expect(store.stats.live).toBe(2);
    expect(store.pending('g', 9)).toEqual([at('t', 3, 33)]);
    await store.close();

    const reopened = await open(dataDir, { compactMinRecords: 1 });
    expect(reopened.pending('g', 9)).toEqual([at('t', 3, 33)]);
    expect(reopened.get('g', 't', 0)?.offset).toBe(39);
    await reopened.completePending('g', 9, true);
    expect(reopened.get('g', 't', 3)?.offset).toBe(33);
    await reopened.close();
  });
});
