/**
 * A torn tail a group's commit contradicts: after an unclean stop the last batch of `orders-0`
 * is cut short (an interrupted write by the loader's rules), but group `billing` had committed
 * past it. At start the loss is logged at error level, reported as data loss, and the log end
 * moved past the commit, so the group reads the next record instead of skipping it.
 */
import { readdir, readFile, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { MemoryOffsetStore } from '@mini-kafka/coordinator';
import { batchBaseOffset, batchSize, describePartition, LogManager } from '@mini-kafka/storage';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { keepCommitsWithinLogs } from './committed-past-end.js';
import { recordingLogger } from './testing/recording-logger.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

/** 100 records in batches of 20, the last batch cut short after an unclean stop; resolves to its base offset. */
async function tornOrders(dir: string): Promise<number> {
  const logs = await LogManager.open({ dataDir: dir, retentionCheckIntervalMs: 0 });
  await logs.createTopic('orders', { config: { flush: 'always' } });
  for (let offset = 0; offset < 100; offset += 20) {
    await logs.getLog('orders', 0).append(Array.from({ length: 20 }, (_, i) => ({ value: `record ${offset + i}` })));
  }
  await logs.close();
  const directory = join(dir, 'orders', '0');
  // A crash leaves no clean-shutdown marker and no snapshot of the close.
  await rm(join(directory, '.clean-shutdown'));
  for (const name of await readdir(directory)) if (name.endsWith('.snapshot')) await rm(join(directory, name));
  const tail = join(
    directory,
    (await readdir(directory))
      .filter((name) => name.endsWith('.log'))
      .sort()
      .at(-1)!,
  );
  const bytes = await readFile(tail);
  let at = 0;
  while (at + batchSize(bytes, at) < bytes.length) at += batchSize(bytes, at);
  await truncate(tail, at + 40);
  return batchBaseOffset(bytes, at);
}

describe('keepCommitsWithinLogs', () => {
  it('moves the log end past a commit beyond it, logs and reports the records lost', async () => {
    const dir = await dirs.make();
    const torn = await tornOrders(dir);
    const logs = await LogManager.open({ dataDir: dir, retentionCheckIntervalMs: 0 });
    try {
      const log = logs.getLog('orders', 0);
      expect(log.logEndOffset).toBe(torn);
      const store = new MemoryOffsetStore();
      await store.commit('billing', [{ topic: 'orders', partition: 0, offset: 100, metadata: '', commitTimestamp: 0 }]);
      await store.commit('audit', [{ topic: 'orders', partition: 0, offset: 50, metadata: '', commitTimestamp: 0 }]);
      const { logger, lines } = recordingLogger();
      const found = await keepCommitsWithinLogs(store, logs, logger);
      expect(found).toEqual([
        {
          group: 'billing',
          topic: 'orders',
          partition: 0,
          committedOffset: 100,
          logEndOffset: torn,
          recordsLost: 100 - torn,
        },
      ]);
      expect(lines).toMatchObject([{ level: 50, group: 'billing', committedOffset: 100, recordsLost: 100 - torn }]);
      expect(log.logEndOffset).toBe(100);
      expect(describePartition(log).damage).toMatchObject({ ranges: [{ from: torn, to: 99 }], dataLoss: true });
      expect(await log.append([{ value: 'after the restart' }])).toMatchObject({ baseOffset: 100 });
    } finally {
      await logs.close();
    }
  });

  it('leaves a commit past the end of a log closed cleanly alone, with a warning (Kafka allows such commits)', async () => {
    const dir = await dirs.make();
    const logs = await LogManager.open({ dataDir: dir, retentionCheckIntervalMs: 0 });
    await logs.createTopic('orders');
    await logs.getLog('orders', 0).append([{ value: 'one' }]);
    await logs.close();
    const reopened = await LogManager.open({ dataDir: dir, retentionCheckIntervalMs: 0 });
    try {
      const store = new MemoryOffsetStore();
      await store.commit('billing', [{ topic: 'orders', partition: 0, offset: 500, metadata: '', commitTimestamp: 0 }]);
      const { logger, lines } = recordingLogger('warn');
      expect(await keepCommitsWithinLogs(store, reopened, logger)).toEqual([]);
      expect(lines).toMatchObject([{ level: 40, group: 'billing', committedOffset: 500, logEndOffset: 1 }]);
      expect(reopened.getLog('orders', 0).logEndOffset).toBe(1);
    } finally {
      await reopened.close();
    }
  });
});
