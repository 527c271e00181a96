/**
 * A torn write a reader's proof contradicts: the tail was cut as an interrupted write, but a
 * group had committed past the cut, so the records existed and were read. `continueAtLeastAt`
 * moves the log end past the proof: lost offsets are never reused, they read as
 * CORRUPT_MESSAGE, and the partition reports data loss.
 */
import { isMiniKafkaError } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { batchesOf, cutFile, fillLog, segmentPath } from '../testing/damage-fixtures.js';
import { Log } from './log.js';
import { describePartition } from './partition-health.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

async function tornTail(): Promise<{ directory: string; last: { baseOffset: number; lastOffset: number } }> {
  const directory = await dirs.make();
  const { segments } = await fillLog(directory, 200, { flush: 'always' });
  const tail = segmentPath(directory, segments.at(-1)!);
  const last = (await batchesOf(tail)).at(-1)!;
  await cutFile(tail, last.position + 70); // left unclosed: an unclean stop
  return { directory, last };
}

describe('continueAtLeastAt: a floor past the log end', () => {
  it('moves the log end past a torn write a commit proves was read, and reports the loss', async () => {
    const { directory, last } = await tornTail();
    const log = await Log.open({
      directory,
      config: { flush: 'always', segmentBytes: 16 * 1024 },
      topic: 'orders',
      partition: 0,
    });
    try {
      expect(log.logEndOffset).toBe(last.baseOffset);
      const committed = last.lastOffset + 1;
      expect(await log.continueAtLeastAt(committed)).toBe(committed - last.baseOffset);
      expect(log.logEndOffset).toBe(committed);
      expect(log.highWatermark).toBe(committed);
      expect(log.loadReport.damage).toMatchObject([
        { fromOffset: last.baseOffset, lastOffset: last.lastOffset, tornWrite: false, dataLoss: true },
      ]);
      expect(describePartition(log).damage).toMatchObject({
        droppedRecords: committed - last.baseOffset,
        ranges: [{ from: last.baseOffset, to: last.lastOffset }],
        dataLoss: true,
      });
      const error = await log.read(last.baseOffset).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isMiniKafkaError(error, 'CORRUPT_MESSAGE')).toBe(true);
      expect(await log.append([{ value: 'next' }])).toMatchObject({ baseOffset: committed });
    } finally {
      await log.close();
    }
    const reopened = await Log.open({ directory, topic: 'orders', partition: 0 });
    try {
      expect(reopened.logEndOffset).toBe(last.lastOffset + 2);
      expect(describePartition(reopened).damage).toMatchObject({
        ranges: [{ from: last.baseOffset, to: last.lastOffset }],
      });
    } finally {
      await reopened.close();
    }
  });

  it('changes nothing when the floor is at or below the log end', async () => {
    const { directory, last } = await tornTail();
    const log = await Log.open({ directory, topic: 'orders', partition: 0 });
    try {
      expect(await log.continueAtLeastAt(last.baseOffset)).toBe(0);
      expect(log.logEndOffset).toBe(last.baseOffset);
      expect(log.loadReport.damage).toMatchObject([{ tornWrite: true }]);
    } finally {
      await log.close();
    }
  });
});
