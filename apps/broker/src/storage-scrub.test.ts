/**
 * The broker's background scrub: bad bytes inside a closed segment, which the start trusts
 * without reading, are found once the broker serves, logged like a start-up finding, shown
 * in the topic description and kept aside; `scrubOnStart: false` turns it off.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { batchBaseOffset, batchLastOffset, batchSize, LogManager } from '@mini-kafka/storage';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createBroker } from './broker.js';
import { send } from './http/testing/serve-app.js';
import { SCRUB_FINISHED } from './storage-scrub.js';
import { recordingLogger } from './testing/recording-logger.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

/** `orders` over 16 KiB segments, closed cleanly, a bit flipped in a record of its first segment's 5th batch. */
async function damagedDataDir(): Promise<{ dir: string; from: number; to: number }> {
  const dir = await dirs.make();
  const logs = await LogManager.open({ dataDir: dir, retentionCheckIntervalMs: 0 });
  await logs.createTopic('orders', { config: { segmentBytes: 16 * 1024 } });
  for (let offset = 0; offset < 1000; offset += 20) {
    await logs
      .getLog('orders', 0)
      .append(Array.from({ length: 20 }, (_, i) => ({ value: `record ${offset + i}`.padEnd(48, '.') })));
  }
  await logs.close();
  const directory = join(dir, 'orders', '0');
  const first = (await readdir(directory)).filter((name) => name.endsWith('.log')).sort()[0]!;
  const bytes = await readFile(join(directory, first));
  let at = 0;
  for (let i = 0; i < 4; i++) at += batchSize(bytes, at);
  bytes[at + batchSize(bytes, at) - 5]! ^= 0x08;
  await writeFile(join(directory, first), bytes);
  return { dir, from: batchBaseOffset(bytes, at), to: batchLastOffset(bytes, at) };
}

async function until(found: () => unknown): Promise<void> {
  for (let i = 0; i < 200 && !found(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(found()).toBeTruthy();
}

describe('the storage scrub of a started broker', () => {
  it('finds bad bytes in a closed segment, logs them, describes them and keeps them aside', async () => {
    const { dir, from, to } = await damagedDataDir();
    const { logger, lines } = recordingLogger('info');
    const broker = await createBroker({ dataDir: dir, port: 0, kafkaPort: -1, logger });
    try {
      await until(() => lines.some((line) => String(line.msg).startsWith(SCRUB_FINISHED)));
      const finished = lines.find((line) => String(line.msg).startsWith(SCRUB_FINISHED));
      expect(finished).toMatchObject({ level: 30, partitions: 1, damage: 1, failed: 0 });
      const ready = lines.findIndex((line) => line.msg === 'broker ready');
      const found = lines.findIndex((line) => line.topic === 'orders' && line.level === 50);
      expect(found).toBeGreaterThan(ready);
      expect(lines[found]).toMatchObject({ partition: 0, fromOffset: from, lastOffset: to, dataLoss: true });
      const described = await send(`${broker.url}/v1/topics/orders`);
      expect(described.body.partitionDetails[0].damage).toMatchObject({ ranges: [{ from, to }], dataLoss: true });
      expect(await readdir(join(dir, 'orders', '0', 'damaged'))).toHaveLength(1);
      const read = await send(`${broker.url}/v1/topics/orders/partitions/0/records?offset=${to + 1}`);
      expect(read.body.records[0].offset).toBe(to + 1);
    } finally {
      await broker.close();
    }
  });

  it('is off with scrubOnStart: false; a read that meets the damage still has it found and logged, once', async () => {
    const { dir, from, to } = await damagedDataDir();
    const { logger, lines } = recordingLogger('info');
    const broker = await createBroker({ dataDir: dir, port: 0, kafkaPort: -1, logger, scrubOnStart: false });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(lines.some((line) => String(line.msg).startsWith(SCRUB_FINISHED))).toBe(false);
      expect((await send(`${broker.url}/v1/topics/orders`)).body.partitionDetails[0].damage).toBeUndefined();
      for (let i = 0; i < 2; i++) {
        const read = await send(`${broker.url}/v1/topics/orders/partitions/0/records?offset=${from}`);
        expect(read.status).toBe(500);
      }
      await until(() => lines.some((line) => line.topic === 'orders' && line.level === 50));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const found = lines.filter((line) => line.topic === 'orders' && line.level === 50);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ fromOffset: from, lastOffset: to });
      const described = await send(`${broker.url}/v1/topics/orders`);
      expect(described.body.partitionDetails[0].damage).toMatchObject({ ranges: [{ from, to }] });
    } finally {
      await broker.close();
    }
  });
});
