import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultyFileSystem } from '../testing/faulty-file-system.js';
import { PRODUCER_IDS_FILE, ProducerIdManager } from './producer-id-manager.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

describe('ProducerIdManager', () => {
  it('hands out distinct ids, reserving a block durably before the first of it', async () => {
    const dataDir = await dirs.make();
    const ids = await ProducerIdManager.open({ dataDir, blockSize: 3 });
    const got = await Promise.all(Array.from({ length: 7 }, () => ids.generate()));
    expect(got).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(JSON.parse(await readFile(join(dataDir, PRODUCER_IDS_FILE), 'utf8'))).toMatchObject({ nextBlockStart: 9 });
  });

  it('never repeats an id after a restart or a crash: a cut-short block is skipped', async () => {
    const dataDir = await dirs.make();
    const first = await ProducerIdManager.open({ dataDir, blockSize: 10 });
    await first.generate();
    await first.generate();
    // No close: a SIGKILL leaves only the reservation file.
    const second = await ProducerIdManager.open({ dataDir, blockSize: 10 });
    expect(await second.generate()).toBe(10);
    const third = await ProducerIdManager.open({ dataDir, blockSize: 10 });
    expect(await third.generate()).toBe(20);
  });

  it('hands out nothing when the reservation cannot be written', async () => {
    const dataDir = await dirs.make();
    const fs = new FaultyFileSystem();
    const write = fs.writeFileAtomic;
    fs.writeFileAtomic = () => Promise.reject(Object.assign(new Error('ENOSPC: injected'), { code: 'ENOSPC' }));
    const ids = await ProducerIdManager.open({ dataDir, fs });
    const error = await ids.generate().catch((caught: unknown) => caught);
    expect(isMiniKafkaError(error, 'KAFKA_STORAGE_ERROR')).toBe(true);
    expect((error as Error).message).toBe(
      "Cannot reserve producer ids: no space left on the data directory's device (ENOSPC)",
    );
    fs.writeFileAtomic = write;
    expect(await ids.generate()).toBe(0);
    expect(await (await ProducerIdManager.open({ dataDir })).generate()).toBe(1000);
  });

  it('refuses to start from an unreadable reservation instead of starting again at 0', async () => {
    const dataDir = await dirs.make();
    await writeFile(join(dataDir, PRODUCER_IDS_FILE), '{"nextBlockStart": "x"}');
    const error = await ProducerIdManager.open({ dataDir }).catch((caught: unknown) => caught);
    expect(isMiniKafkaError(error, 'KAFKA_STORAGE_ERROR')).toBe(true);
    expect((error as Error).message).toContain(PRODUCER_IDS_FILE);
  });

  it('counts in memory without a data directory', async () => {
    const ids = await ProducerIdManager.open();
    expect([await ids.generate(), await ids.generate()]).toEqual([0, 1]);
  });
});
