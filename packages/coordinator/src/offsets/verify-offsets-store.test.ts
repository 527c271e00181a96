import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ManualClock } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_SEGMENT, flipBytes, groupName, type History, writeHistory } from '../testing/offset-log-history.js';
import { offsetLogPaths } from './offset-log-files.js';
import { verifyOffsetsStore } from './verify-offsets-store.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

async function history(): Promise<{ dataDir: string; log: History }> {
  const dataDir = await dirs.make();
  const log = await writeHistory(dataDir, { clock: new ManualClock(), groups: 4, rounds: 3, partitions: 2 });
  return { dataDir, log };
}

describe('verifyOffsetsStore', () => {
  it('passes a sound offsets log, and a data directory without one', async () => {
    const { dataDir, log } = await history();
    // The commits the store recovers: each group's last offset per partition, in log order.
    const last = new Map<string, { group: string; topic: string; partition: number; offset: number }>();
    for (const { groupId, entries } of log.batches) {
      for (const { topic, partition, offset } of entries) {
        last.set(`${groupId} ${topic} ${partition}`, { group: groupId, topic, partition, offset });
      }
    }
    const report = await verifyOffsetsStore(dataDir);
    expect({ ...report, commits: undefined }).toEqual({
      directory: join('~coordinator', 'offsets'),
      present: true,
      records: 2 * log.batches.length,
      problems: [],
      damaged: false,
      commits: undefined,
    });
    const byKey = (a: { group: string; topic: string; partition: number }) => `${a.group} ${a.topic} ${a.partition}`;
    expect(report.commits.map(byKey).sort()).toEqual([...last.keys()].sort());
    expect(report.commits).toEqual(expect.arrayContaining([...last.values()]));
    const empty = await dirs.make();
    expect(await verifyOffsetsStore(empty)).toMatchObject({ present: false, problems: [], damaged: false });
  });

  it("finds a commit's batch with flipped bytes: damage naming the offsets and the group, files unchanged", async () => {
    const { dataDir, log } = await history();
    const batch = log.batches.findLast((b) => b.groupId === groupName(1))!;
    const at = log.bytes.indexOf('commitTimestamp', batch.position);
    const bytes = flipBytes(log.bytes, at);
    await writeFile(log.segment, bytes);

    const report = await verifyOffsetsStore(dataDir);
    expect(report.damaged).toBe(true);
    expect(report.problems).toEqual([
      {
        severity: 'damage',
        file: join('~coordinator', 'offsets', FIRST_SEGMENT),
        position: batch.position,
        fromOffset: batch.baseOffset,
        toOffset: batch.lastOffset,
        message: expect.stringMatching(/crc-mismatch.*g-01\/orders\/0, g-01\/orders\/1/),
      },
    ]);
    expect(report.problems[0]!.message).not.toContain(dataDir);
    expect((await readFile(log.segment)).equals(bytes)).toBe(true);
  });

  it('calls what an interrupted compaction left a warning, not damage', async () => {
    const { dataDir } = await history();
    await mkdir(offsetLogPaths(dataDir).next);
    const report = await verifyOffsetsStore(dataDir);
    expect(report).toMatchObject({
      damaged: false,
      problems: [{ severity: 'warning', file: join('~coordinator', 'offsets.new') }],
    });
  });
});
