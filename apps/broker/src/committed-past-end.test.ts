/**
 * A torn tail a group's commit contradicts: after an unclean stop the last batch of `orders-0`
 * is cut short (an interrupted write by the loader's rules), but group `billing` had committed
 * past it. At start the loss is logged at error level, reported as data loss, and the log end
 * moved past the commit, so the group reads the next record instead of skipping it.
 */
import { MemoryOffsetStore } from '@mini-kafka/coordinator';
import { describePartition, LogManager } from '@mini-kafka/storage';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { keepCommitsWithinLogs } from './committed-past-end.js';
import { recordingLogger } from './testing/recording-logger.js';
import { tornOrders } from './testing/torn-orders.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

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
