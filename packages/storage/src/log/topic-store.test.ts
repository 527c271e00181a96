import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../fs/node-file-system.js';
import type { TopicMetadata } from './topic-metadata.js';
import { type ScannedTopic, TopicStore } from './topic-store.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const orders: TopicMetadata = {
  name: 'orders',
  topicId: '0b5c7a3e-6f1d-4a2b-9c8e-1d2f3a4b5c6d',
  partitions: 2,
  config: { retentionMs: 1000 },
  acceptedConfigs: {},
  createdAt: 5,
};

async function scanAll(store: TopicStore): Promise<ScannedTopic[]> {
  const found: ScannedTopic[] = [];
  for await (const scanned of store.scan()) found.push(scanned);
  return found;
}

describe('TopicStore', () => {
  it('reads back a created topic, and a rewritten one', async () => {
    const root = await dirs.make();
    const store = new TopicStore(nodeFileSystem, root);
    await mkdir(store.partitionDirectory('orders', 1), { recursive: true });
    expect(store.partitionDirectory('orders', 1)).toBe(join(root, 'orders', '1'));
    await store.create(orders);
    expect(await scanAll(store)).toEqual([{ name: 'orders', metadata: orders }]);
    await store.write({ ...orders, partitions: 3 });
    expect(await scanAll(store)).toEqual([{ name: 'orders', metadata: { ...orders, partitions: 3 } }]);
  });

  it('scans topic directories in name order, saying what is wrong with the unreadable ones', async () => {
    const root = await dirs.make();
    const store = new TopicStore(nodeFileSystem, root);
    await mkdir(join(root, 'orders'));
    await store.write(orders);
    await mkdir(join(root, 'broken'));
    await writeFile(join(root, 'broken', 'topic.json'), '{');
    await mkdir(join(root, 'empty'));
    await mkdir(join(root, 'not a topic!'));
    await writeFile(join(root, 'loose-file'), 'x');
    const found = await scanAll(store);
    expect(found.map((scanned) => scanned.name)).toEqual(['broken', 'empty', 'orders']);
    expect(found[0]).toEqual({ name: 'broken', problem: 'not valid JSON', missing: false });
    expect(found[1]).toEqual({ name: 'empty', problem: 'no topic.json', missing: true });
    expect(found[2]).toEqual({ name: 'orders', metadata: orders });
  });

  it('lists the partition directories a topic directory holds, in number order', async () => {
    const root = await dirs.make();
    const store = new TopicStore(nodeFileSystem, root);
    for (const entry of ['10', '2', '0', '01', 'damaged'])
      await mkdir(join(root, 'orders', entry), { recursive: true });
    await writeFile(join(root, 'orders', '3'), 'a file, not a partition');
    expect(await store.partitionsFound('orders')).toEqual([0, 2, 10]);
    expect(await store.partitionsFound('none')).toEqual([]);
  });

  it('deletes a topic by renaming it aside, and a scan removes what a crash left of a delete', async () => {
    const root = await dirs.make();
    const store = new TopicStore(nodeFileSystem, root);
    await mkdir(join(root, 'orders', '0'), { recursive: true });
    await store.create(orders);
    await store.delete('orders');
    expect(await readdir(root)).toEqual([]);

    await mkdir(join(root, 'orders~1234~deleting', '0'), { recursive: true });
    expect(await scanAll(store)).toEqual([]);
    expect(await readdir(root)).toEqual([]);
  });
});
