/**
 * verifyDataDir finds each kind of damage the loader knows, words it as the next open will
 * treat it, passes a clean directory, and never changes a byte of what it checks.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { LogManager } from '../log/log-manager.js';
import { batchesOf, batchHolding, cutFile, fillLog, flipByte, segmentPath } from '../testing/damage-fixtures.js';
import { nodeReadOnlyFileSystem, type ReadOnlyFileSystem } from './read-only-file-system.js';
import { verifyDataDir } from './verify-data-dir.js';
import type { DataDirVerification, PartitionVerification } from './verify-report.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

/** A data directory with topic `orders` (one partition, 2,000 records over several segments), closed cleanly. */
async function dataDirWithOrders(): Promise<{ dataDir: string; directory: string; segments: number[] }> {
  const dataDir = await dirs.make();
  const logs = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
  await logs.createTopic('orders', { partitions: 1 });
  await logs.close();
  const directory = join(dataDir, 'orders', '0');
  const { log, segments } = await fillLog(directory, 2000);
  await log.close();
  return { dataDir, directory, segments };
}

function partitionOf(report: DataDirVerification, topic = 'orders', partition = 0): PartitionVerification {
  const found = report.topics.find((t) => t.name === topic)?.partitions[partition];
  if (found === undefined) throw new Error(`no ${topic}-${partition} in the report`);
  return found;
}

function damageOf(partition: PartitionVerification) {
  return partition.problems.filter((problem) => problem.severity === 'damage');
}

/** A digest of every file under `root` (names, sizes, contents). */
async function digest(root: string): Promise<string> {
  const hash = createHash('sha256');
  for (const entry of (await readdir(root, { recursive: true })).sort()) {
    const path = join(root, entry);
    if ((await stat(path)).isDirectory()) continue;
    hash.update(entry).update(await readFile(path));
  }
  return hash.digest('hex');
}

describe('verifyDataDir', () => {
  it("passes a clean data directory, with each partition's segments, offsets and records", async () => {
    const dataDir = await dirs.make();
    const logs = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0, defaults: { segmentBytes: 4096 } });
    await logs.createTopic('a', { partitions: 2 });
    for (let i = 0; i < 60; i++) await logs.getLog('a', i % 2).append([{ key: `k${i}`, value: 'x'.repeat(200) }]);
    await logs.close();
    await writeFile(join(dataDir, 'producer-ids.json'), '{}');

    const report = await verifyDataDir(dataDir);
    expect(report).toMatchObject({ ok: true, partitions: 2, damagedPartitions: 0 });
    expect(report.topics.map((topic) => topic.name)).toEqual(['a']);
    const first = partitionOf(report, 'a', 0);
    expect(first).toMatchObject({
      cleanShutdown: true,
      logStartOffset: 0,
      logEndOffset: 30,
      records: 30,
      damaged: false,
    });
    expect(first.segments.length).toBeGreaterThan(1);
    expect(first.segments[0]).toMatchObject({ file: '00000000000000000000.log', firstOffset: 0 });
    expect(first.problems).toEqual([]);
  });

  it('finds a closed segment cut inside a batch: the offsets up to the next segment cannot be read', async () => {
    const { dataDir, directory, segments } = await dataDirWithOrders();
    const victim = (await batchesOf(segmentPath(directory, segments[1]!)))[4]!;
    await cutFile(segmentPath(directory, segments[1]!), victim.position + 30);
    const before = await digest(dataDir);

    const report = await verifyDataDir(dataDir);
    expect(report.ok).toBe(false);
    expect(damageOf(partitionOf(report))).toMatchObject([
      { fromOffset: victim.baseOffset, toOffset: segments[2]! - 1, position: victim.position },
    ]);
    expect(damageOf(partitionOf(report))[0]!.message).toMatch(/file ends inside a batch.*cannot be read/);
    expect(await digest(dataDir)).toBe(before);
  });

  it('finds a damaged tail: the lost offsets, and the intact batches after the bad one', async () => {
    const { dataDir, directory, segments } = await dataDirWithOrders();
    await rm(join(directory, '.clean-shutdown'));
    const tail = segmentPath(directory, segments.at(-1)!);
    const victim = await batchHolding(tail, 1950);
    await flipByte(tail, victim.position + 80);

    const [damage] = damageOf(partitionOf(await verifyDataDir(dataDir)));
    expect(damage).toMatchObject({ fromOffset: victim.baseOffset, toOffset: 1999 });
    expect(damage!.message).toMatch(/CRC.*lost.*continues at 2000.*intact batches follow/);
  });

  it('calls a torn final write a warning, not damage', async () => {
    const { dataDir, directory, segments } = await dataDirWithOrders();
    await rm(join(directory, '.clean-shutdown'));
    await rm(join(directory, `${String(2000).padStart(20, '0')}.snapshot`));
    const tail = segmentPath(directory, segments.at(-1)!);
    const last = (await batchesOf(tail)).at(-1)!;
    await cutFile(tail, last.position + 40);

    const report = await verifyDataDir(dataDir);
    expect(report.ok).toBe(true);
    expect(partitionOf(report).problems).toContainEqual(
      expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/interrupted final write/) }),
    );
  });

  it('finds offsets missing between segments, and a stale index entry, but not what the open repairs', async () => {
    const { dataDir, directory, segments } = await dataDirWithOrders();
    await rm(segmentPath(directory, segments[1]!));
    await rm(segmentPath(directory, segments[1]!, '.index'));
    await rm(segmentPath(directory, segments[1]!, '.timeindex'));
    // An index entry of segment 0 that points between batches, and a time index that does not parse.
    const index = await readFile(segmentPath(directory, segments[0]!, '.index'));
    expect(index.length).toBeGreaterThanOrEqual(16);
    index.writeInt32BE(index.readInt32BE(4) + 1, 4);
    await writeFile(segmentPath(directory, segments[0]!, '.index'), index);
    await writeFile(segmentPath(directory, segments[2]!, '.timeindex'), Buffer.from('garbage'));
    await writeFile(join(directory, `${String(segments[2]!).padStart(20, '0')}.snapshot`), Buffer.from('garbage'));

    const partition = partitionOf(await verifyDataDir(dataDir));
    expect(damageOf(partition).map((problem) => problem.message)).toEqual([
      expect.stringMatching(/index entry 0 .* does not point at its batch/),
      `offsets ${segments[1]} to ${segments[2]! - 1} are missing between 00000000000000000000.log and ${String(segments[2]).padStart(20, '0')}.log: reads there fail`,
    ]);
    const warnings = partition.problems.filter((problem) => problem.severity === 'warning').map((p) => p.message);
    expect(warnings).toEqual([
      expect.stringMatching(/time index fails the sanity check/),
      expect.stringMatching(/corrupt producer snapshot/),
    ]);
  });

  it('reports a partition it cannot read, and skips directories that are not topics', async () => {
    const { dataDir } = await dataDirWithOrders();
    await writeFile(join(dataDir, 'not-a-topic.txt'), 'x');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dataDir, '~coordinator'));
    const denying: ReadOnlyFileSystem = {
      ...nodeReadOnlyFileSystem,
      openForReading: (path) =>
        path.endsWith('.log')
          ? Promise.reject(Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' }))
          : nodeReadOnlyFileSystem.openForReading(path),
    };
    const report = await verifyDataDir(dataDir, denying);
    expect(report.skipped).toEqual([{ name: '~coordinator', reason: "the broker's own, not a topic" }]);
    expect(damageOf(partitionOf(report))).toMatchObject([
      { message: expect.stringMatching(/cannot be read \(EACCES.*offline/) },
    ]);
  });

  it('calls an unreadable topic.json damage, and skips a directory a creation left without one', async () => {
    const { dataDir } = await dataDirWithOrders();
    await writeFile(join(dataDir, 'orders', 'topic.json'), '{"name": "ord');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dataDir, 'half-created', '0'), { recursive: true });

    const report = await verifyDataDir(dataDir);
    expect(report).toMatchObject({ ok: false, damagedTopics: 1, partitions: 0 });
    expect(report.topics).toEqual([
      {
        name: 'orders',
        topicId: undefined,
        partitions: [],
        problems: [
          {
            severity: 'damage',
            file: join('orders', 'topic.json'),
            message: expect.stringMatching(/^cannot be read \(not valid JSON\): .*partition directories 0\b/),
          },
        ],
      },
    ]);
    expect(report.skipped).toEqual([{ name: 'half-created', reason: 'no topic.json' }]);
  });

  it('calls partition directories beyond the count topic.json names damage', async () => {
    const dataDir = await dirs.make();
    const logs = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
    await logs.createTopic('a', { partitions: 3 });
    await logs.close();
    const file = join(dataDir, 'a', 'topic.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"partitions": 3', '"partitions": 1'));

    const report = await verifyDataDir(dataDir);
    expect(report).toMatchObject({ ok: false, damagedTopics: 1, damagedPartitions: 0, partitions: 1 });
    expect(report.topics[0]?.problems).toEqual([
      {
        severity: 'damage',
        file: join('a', 'topic.json'),
        message: 'names 1 partition(s) but the topic has partition directories 0, 1, 2: partitions 1, 2 are not served',
      },
    ]);
  });
});
