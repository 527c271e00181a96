import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Log, SegmentRolled } from './log.js';
import { LogManager } from './log-manager.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

describe('onSegmentRolled', () => {
  it('tells of each roll with the partition and the new segment’s base offset', async () => {
    const rolled: SegmentRolled[] = [];
    const logs = await LogManager.open({
      dataDir: await dirs.make(),
      retentionCheckIntervalMs: 0,
      defaults: { segmentBytes: 1024 },
      onSegmentRolled: (event) => rolled.push(event),
    });
    try {
      await logs.createTopic('events', { partitions: 2 });
      const log = logs.getLog('events', 1);
      for (let i = 0; i < 12; i++) await log.append([{ value: 'x'.repeat(200) }]);
      expect(rolled.length).toBeGreaterThanOrEqual(2);
      expect(rolled.map((event) => event.baseOffset)).toEqual((log as Log).segmentBaseOffsets.slice(1));
      for (const event of rolled) expect(event).toMatchObject({ topic: 'events', partition: 1 });
      const offsets = rolled.map((event) => event.baseOffset);
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
      expect(offsets[0]).toBeGreaterThan(0);
      expect(offsets.at(-1)).toBeLessThan(12);
      // The last roll's base offset is where the active segment starts: reads from it answer its records.
      const read = await log.read(offsets.at(-1)!, { maxRecords: 1 });
      expect(read.records[0]!.offset).toBe(offsets.at(-1));
    } finally {
      await logs.close();
    }
  });
});
