import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { batchesOf, flipByte, segmentPath } from '../testing/damage-fixtures.js';
import { LogManager } from './log-manager.js';
import { scrubLogs } from './scrub-logs.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

async function filled(dataDir: string): Promise<void> {
  const manager = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0, defaults: { flush: 'never' } });
  await manager.createTopic('orders', { partitions: 2, config: { segmentBytes: 16 * 1024 } });
  await manager.createTopic('audit', { partitions: 1 });
  for (let i = 0; i < 600; i++) {
    await manager.getLog('orders', i % 2).append([{ value: `record ${i}`.padEnd(40, '.') }]);
  }
  await manager.getLog('audit', 0).append([{ value: 'one' }]);
  await manager.close();
}

describe('scrubLogs', () => {
  it('scrubs every partition a few at a time and sums up what it found', async () => {
    const dataDir = await dirs.make();
    await filled(dataDir);
    const directory = `${dataDir}/orders/1`;
    const [victim] = (await batchesOf(segmentPath(directory, 0))).slice(10, 11);
    await flipByte(segmentPath(directory, 0), victim!.position + victim!.size - 5);
    const manager = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    try {
      const found: string[] = [];
      const run = scrubLogs(manager, {
        concurrency: 2,
        onPartition: ({ topic, partition }, report) => found.push(`${topic}-${partition}:${report.damage.length}`),
      });
      const summary = await run.done;
      expect(found.sort()).toEqual(['audit-0:0', 'orders-0:0', 'orders-1:1']);
      expect(summary).toMatchObject({ partitions: 3, damage: 1, rebuiltIndexes: 0, failed: 0 });
      expect(summary.bytes).toBeGreaterThan(600 * 40);
    } finally {
      await manager.close();
    }
  });

  it('starts no partition once stopped', async () => {
    const dataDir = await dirs.make();
    await filled(dataDir);
    const manager = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    try {
      const run = scrubLogs(manager, { concurrency: 1 });
      await run.stop();
      expect((await run.done).partitions).toBeLessThan(3);
    } finally {
      await manager.close();
    }
  });
});
