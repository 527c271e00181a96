/**
 * Recovery of a damaged offsets log: real files in temporary directories, damaged the way
 * disks and people damage them (flipped bytes, a cut file, a file of random bytes). A fake
 * file system appears only where a crash must be injected.
 */
import { readdir, readFile, truncate, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ManualClock } from '@mini-kafka/protocol';
import { type FileSystem, nodeFileSystem } from '@mini-kafka/storage';
import { SeededRandom, TempDirs, testSeed } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FIRST_SEGMENT,
  flipBytes,
  groupName,
  type History,
  listed,
  replayed,
  TOPIC,
  writeHistory,
} from '../testing/offset-log-history.js';
import { LogOffsetStore } from './log-offset-store.js';
import { offsetLogPaths } from './offset-log-files.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

/** 12 groups, 4 partitions, 10 rounds; groups g-00..g-05 stop committing after round 4. */
async function history(clock = new ManualClock()): Promise<{ dataDir: string; clock: ManualClock; log: History }> {
  const dataDir = await dirs.make();
  const log = await writeHistory(dataDir, {
    clock,
    groups: 12,
    rounds: 10,
    partitions: 4,
    idleGroups: 6,
    idleAfterRound: 4,
  });
  return { dataDir, clock, log };
}

function open(dataDir: string, clock: ManualClock, fs?: FileSystem): Promise<LogOffsetStore> {
  return LogOffsetStore.open({ dataDir, clock, ...(fs === undefined ? {} : { fs }) });
}

/** The index of group `groupId`'s batch of round `round`. */
function batchOf(log: History, groupId: string, round: number): number {
  const index = log.batches.findIndex(
    (b) => b.groupId === groupId && b.entries[0]!.metadata === `m-${groupId}-${round}`,
  );
  if (index < 0) throw new Error(`no batch of ${groupId} in round ${round}`);
  return index;
}

function partitionsOf(groupId: string, count = 4): { groupId: string; topic: string; partition: number }[] {
  return Array.from({ length: count }, (_, partition) => ({ groupId, topic: TOPIC, partition }));
}

describe('LogOffsetStore recovery: damage in the middle', () => {
  it('skips a batch with flipped bytes, keeps every other commit, and names the range and the partitions', async () => {
    const { dataDir, clock, log } = await history();
    // g-03's last commit (round 4) sits in the middle of the log; later batches belong to other groups.
    const damaged = batchOf(log, groupName(3), 4);
    const batch = log.batches[damaged]!;
    expect(batch.position).toBeGreaterThan(log.bytes.length / 4);
    expect(batch.position).toBeLessThan((log.bytes.length * 3) / 4);
    const at = log.bytes.indexOf('commitTimestamp', batch.position); // inside a record's value
    expect(at).toBeLessThan(batch.position + batch.size);
    const bytes = flipBytes(log.bytes, at);
    await writeFile(log.segment, bytes);

    const store = await open(dataDir, clock);
    const expected = replayed(log.batches.filter((_, i) => i !== damaged));
    expect(listed(store)).toEqual(expected);
    // g-03 went back to its round-3 offsets: the skipped batch was its latest.
    expect(store.list(groupName(3)).map((e) => e.offset)).toEqual([301, 302, 303, 304]);
    expect(store.openReport.damaged).toEqual([
      {
        file: log.segment,
        fromByte: batch.position,
        bytes: batch.size,
        reason: 'crc-mismatch',
        offsets: { first: batch.baseOffset, last: batch.lastOffset },
        partitions: partitionsOf(groupName(3)),
      },
    ]);
    expect(store.openReport.recordsReplayed).toBe(4 * (log.batches.length - 1));
    // The damaged file is kept aside, byte for byte, and the live log was rewritten.
    expect(store.openReport.keptAside).toHaveLength(1);
    const keptAside = store.openReport.keptAside[0]!;
    expect(keptAside.startsWith(join(offsetLogPaths(dataDir).root, 'damaged'))).toBe(true);
    expect(basename(keptAside)).toBe(FIRST_SEGMENT);
    expect((await readFile(keptAside)).equals(bytes)).toBe(true);
    await store.close();
  });

  it('finds the batches after a batch whose length field is damaged', async () => {
    const { dataDir, clock, log } = await history();
    const damaged = batchOf(log, groupName(2), 4);
    const batch = log.batches[damaged]!;
    await writeFile(log.segment, flipBytes(log.bytes, batch.position + 4)); // base offset's low half, batch length

    const store = await open(dataDir, clock);
    expect(listed(store)).toEqual(replayed(log.batches.filter((_, i) => i !== damaged)));
    const [range, ...rest] = store.openReport.damaged;
    expect(rest).toEqual([]);
    expect(range).toMatchObject({ file: log.segment, fromByte: batch.position, bytes: batch.size });
    expect(range!.offsets).toEqual({ first: batch.baseOffset, last: batch.lastOffset });
    expect(range!.partitions).toBe('unknown'); // the header is gone, so are the keys
    await store.close();
  });

  it('does not name partitions that an intact later commit brought up to date', async () => {
    const { dataDir, clock, log } = await history();
    const damaged = batchOf(log, groupName(8), 2); // g-08 commits again in rounds 3..9
    const batch = log.batches[damaged]!;
    await writeFile(log.segment, flipBytes(log.bytes, log.bytes.indexOf('commitTimestamp', batch.position)));

    const store = await open(dataDir, clock);
    expect(listed(store)).toEqual(replayed(log.batches));
    expect(store.openReport.damaged).toMatchObject([{ fromByte: batch.position, partitions: [] }]);
    await store.close();
  });

  it('keeps the records of a batch whose base offset (outside the CRC) is damaged, and rewrites the log', async () => {
    const { dataDir, clock, log } = await history();
    const batch = log.batches[batchOf(log, groupName(7), 5)]!;
    await writeFile(log.segment, flipBytes(log.bytes, batch.position, 4));

    const store = await open(dataDir, clock);
    expect(listed(store)).toEqual(replayed(log.batches));
    expect(store.openReport.damaged).toEqual([]);
    expect(store.openReport.repairs).toEqual([
      expect.stringContaining(`the intact batch at byte ${batch.position} of ${log.segment} has base offset`),
      expect.stringContaining('rewrote the offsets log'),
    ]);
    expect(store.openReport.keptAside).toHaveLength(1);
    await store.close();
    const again = await open(dataDir, clock);
    expect(again.openReport.repairs).toEqual([]);
    expect(listed(again)).toEqual(replayed(log.batches));
    await again.close();
  });

  it('after an unclean stop, loses only the damaged batch of the tail segment, not what follows it', async () => {
    const { dataDir, clock, log } = await history();
    const damaged = batchOf(log, groupName(1), 3);
    await writeFile(
      log.segment,
      flipBytes(log.bytes, log.bytes.indexOf('commitTimestamp', log.batches[damaged]!.position)),
    );
    const names = await readdir(log.directory);
    const marker = names.find((name) => name.includes('clean-shutdown'));
    expect(marker).toBeDefined();
    await unlink(join(log.directory, marker!)); // as if the broker had been killed

    const store = await open(dataDir, clock);
    expect(listed(store)).toEqual(replayed(log.batches.filter((_, i) => i !== damaged)));
    expect(store.openReport.damaged).toHaveLength(1);
    await store.close();
  });

  it('skips damage in an older segment of a log of many segments', async () => {
    const dataDir = await dirs.make();
    const clock = new ManualClock();
    const store = await LogOffsetStore.open({ dataDir, clock, segmentBytes: 2048, compactMinRecords: 1_000_000 });
    for (let i = 0; i < 60; i++) {
      await store.commit(groupName(i % 6), [
        { topic: TOPIC, partition: 0, offset: i + 1, metadata: '', commitTimestamp: 1 },
      ]);
    }
    await store.close();
    const segments = (await readdir(store.directory)).filter((name) => name.endsWith('.log')).sort();
    expect(segments.length).toBeGreaterThan(2);
    const older = join(store.directory, segments[0]!);
    const bytes = await readFile(older);
    await writeFile(older, flipBytes(bytes, bytes.indexOf('commitTimestamp', bytes.length / 2)));

    const reopened = await LogOffsetStore.open({ dataDir, clock, segmentBytes: 2048 });
    expect(reopened.openReport.damaged).toMatchObject([{ file: older, reason: 'crc-mismatch' }]);
    // Every group committed again in later segments: nothing regressed.
    expect(reopened.groupIds()).toHaveLength(6);
    for (let g = 0; g < 6; g++) expect(reopened.get(groupName(g), TOPIC, 0)?.offset).toBe(54 + g + 1);
    await reopened.close();
  });
});

describe('LogOffsetStore recovery: a cut file', () => {
  it('keeps every batch before a cut in the middle of a batch and names the rest as lost', async () => {
    const { dataDir, clock, log } = await history();
    const cut = batchOf(log, groupName(9), 6);
    const batch = log.batches[cut]!;
    const length = batch.position + Math.floor(batch.size / 2);
    await truncate(log.segment, length);

    const store = await open(dataDir, clock);
    expect(listed(store)).toEqual(replayed(log.batches.slice(0, cut)));
    expect(store.openReport.damaged).toEqual([
      {
        file: log.segment,
        fromByte: batch.position,
        bytes: length - batch.position,
        reason: 'truncated',
        offsets: { first: batch.baseOffset, last: null },
        partitions: 'unknown',
      },
    ]);
    await store.close();
  });
});

describe('LogOffsetStore recovery on a full disk', () => {
  const enospc = (): Promise<never> =>
    Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
  const disk = { full: true };
  /** While `disk.full`, no file can be created or written whole; existing files open as usual. */
  const full: FileSystem = {
    ...nodeFileSystem,
    writeFileAtomic: (path, data) => (disk.full ? enospc() : nodeFileSystem.writeFileAtomic(path, data)),
    createExclusive: (path, data) => (disk.full ? enospc() : nodeFileSystem.createExclusive(path, data)),
    open: (path) => (disk.full && path.includes('.new') ? enospc() : nodeFileSystem.open(path)),
  };
  afterEach(() => {
    disk.full = true;
  });

  it('cuts an interrupted last write without a copy, serves every earlier commit, and takes new ones', async () => {
    const { dataDir, clock, log } = await history();
    const last = log.batches.at(-1)!;
    // A crash in the middle of the last write: no clean-shutdown marker, no snapshot at the end.
    await truncate(log.segment, last.position + Math.floor(last.size / 2));
    for (const name of await readdir(dirname(log.segment))) {
      if (name === '.clean-shutdown' || name.endsWith('.snapshot')) await unlink(join(dirname(log.segment), name));
    }

    const store = await open(dataDir, clock, full);
    const before = replayed(log.batches.slice(0, -1));
    expect(listed(store)).toEqual(before);
    expect(store.openReport.keptAside).toEqual([]);
    expect(store.openReport.repairs.join('\n')).toMatch(/no space to keep the damaged end .* cut without a copy/);
    disk.full = false; // space comes back
    const fresh = [{ topic: TOPIC, partition: 0, offset: 999, metadata: '', commitTimestamp: 2 }];
    await store.commit('after', fresh);
    await store.close();

    const again = await open(dataDir, clock);
    expect(again.openReport.damaged).toEqual([]);
    expect(again.list('after').map((entry) => entry.offset)).toEqual([999]);
    await again.close();
  });

  it('still refuses to open when damage in the middle cannot be kept aside', async () => {
    const { dataDir, clock, log } = await history();
    const damaged = batchOf(log, groupName(3), 4);
    const bytes = flipBytes(log.bytes, log.bytes.indexOf('commitTimestamp', log.batches[damaged]!.position));
    await writeFile(log.segment, bytes);
    await expect(open(dataDir, clock, full)).rejects.toThrow(/ENOSPC|no space/);
    expect((await readFile(log.segment)).equals(bytes)).toBe(true);
  });
});

describe('LogOffsetStore recovery: nothing readable', () => {
  it('starts empty when the file is random bytes, says so, and keeps the file aside untouched', async () => {
    const { dataDir, clock, log } = await history();
    const random = SeededRandom.derive(testSeed(), 'offsets-random-file').bytes(64 * 1024);
    await writeFile(log.segment, random);

    const store = await open(dataDir, clock);
    expect(store.groupIds()).toEqual([]);
    expect(store.openReport.recordsReplayed).toBe(0);
    expect(store.openReport.damaged).toEqual([
      {
        file: log.segment,
        fromByte: 0,
        bytes: random.length,
        reason: expect.any(String),
        offsets: { first: 0, last: null },
        partitions: 'unknown',
      },
    ]);
    expect(store.openReport.keptAside).toHaveLength(1);
    expect((await readFile(store.openReport.keptAside[0]!)).equals(random)).toBe(true);
    await store.commit('g', [{ topic: TOPIC, partition: 0, offset: 5, metadata: '', commitTimestamp: 1 }]);
    await store.close();

    const again = await open(dataDir, clock);
    expect(again.openReport.damaged).toEqual([]);
    expect(again.get('g', TOPIC, 0)?.offset).toBe(5);
    await again.close();
  });
});

describe('LogOffsetStore recovery: afterwards', () => {
  it('appends new commits after a recovery, and the next open reads cleanly without a repeated report', async () => {
    const { dataDir, clock, log } = await history();
    const damaged = batchOf(log, groupName(4), 4);
    await writeFile(
      log.segment,
      flipBytes(log.bytes, log.bytes.indexOf('commitTimestamp', log.batches[damaged]!.position)),
    );

    const store = await open(dataDir, clock);
    expect(store.openReport.damaged).toHaveLength(1);
    const fresh = partitionsOf(groupName(4)).map(({ partition }) => ({
      topic: TOPIC,
      partition,
      offset: 1000 + partition,
      metadata: 'after',
      commitTimestamp: clock.now(),
    }));
    await store.commit(groupName(4), fresh);
    await store.close();

    const again = await open(dataDir, clock);
    expect(again.openReport.damaged).toEqual([]);
    expect(again.openReport.keptAside).toEqual([]);
    expect(again.list(groupName(4))).toEqual(fresh);
    const expected = replayed(log.batches.filter((_, i) => i !== damaged));
    expected.set(groupName(4), fresh);
    expect(listed(again)).toEqual(expected);
    await again.close();
    // One incident, one copy kept aside.
    expect(await readdir(join(offsetLogPaths(dataDir).root, 'damaged'))).toHaveLength(1);
  });

  it('keeps the damaged log when rewriting it fails, and recovers again on the next open', async () => {
    const { dataDir, clock, log } = await history();
    const damaged = batchOf(log, groupName(5), 4);
    const bytes = flipBytes(log.bytes, log.bytes.indexOf('commitTimestamp', log.batches[damaged]!.position));
    await writeFile(log.segment, bytes);
    const crashing: FileSystem = {
      ...nodeFileSystem,
      rename: async (from, to) => {
        if (to.endsWith('.ready')) throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
        return nodeFileSystem.rename(from, to);
      },
    };

    await expect(open(dataDir, clock, crashing)).rejects.toMatchObject({ type: 'KAFKA_STORAGE_ERROR' });
    expect((await readFile(log.segment)).equals(bytes)).toBe(true); // the live log is untouched

    const store = await open(dataDir, clock);
    expect(store.openReport.damaged).toHaveLength(1);
    expect(listed(store)).toEqual(replayed(log.batches.filter((_, i) => i !== damaged)));
    for (const copy of store.openReport.keptAside) expect((await readFile(copy)).equals(bytes)).toBe(true);
    expect(dirname(dirname(store.openReport.keptAside[0]!))).toBe(join(offsetLogPaths(dataDir).root, 'damaged'));
    await store.close();
  });
});
