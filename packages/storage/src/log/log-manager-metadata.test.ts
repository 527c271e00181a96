import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../record-batch/encode.js';
import { LogManager } from './log-manager.js';

const dirs = new TempDirs();
const managers: LogManager[] = [];
afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.close();
  await dirs.cleanup();
});

async function open(dataDir: string): Promise<LogManager> {
  const manager = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0, defaults: { flush: 'never' } });
  managers.push(manager);
  return manager;
}

/** A data directory holding topic `victim` (2 partitions, a record in each), closed. */
async function withVictim(): Promise<{ dataDir: string; topicId: string }> {
  const dataDir = await dirs.make();
  const manager = await LogManager.open({ dataDir, retentionCheckIntervalMs: 0 });
  const { topic } = await manager.createTopic('victim', { partitions: 2 });
  for (const partition of [0, 1])
    await manager.getLog('victim', partition).appendBatch(encodeRecordBatch([{ value: 'v' }]));
  await manager.close();
  return { dataDir, topicId: topic.topicId };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('LogManager with damaged topic metadata', () => {
  it('never creates a topic over a directory whose topic.json cannot be read', async () => {
    const { dataDir } = await withVictim();
    const file = join(dataDir, 'victim', 'topic.json');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.length / 2));

    const manager = await open(dataDir);
    expect(manager.hasTopic('victim')).toBe(false);
    expect(manager.errors).toEqual([
      expect.stringMatching(
        /^Topic "victim" is not served: no valid topic\.json \(not valid JSON\); .*partition directories 0, 1/,
      ),
    ]);
    expect(manager.unreadableTopics()).toEqual([{ name: 'victim', problem: 'not valid JSON' }]);
    for (const attempt of [manager.createTopic('victim'), manager.createTopic('victim', {}, true)]) {
      const error = await caught(attempt);
      expect(isMiniKafkaError(error, 'KAFKA_STORAGE_ERROR'), String(error)).toBe(true);
      expect((error as Error).message).toMatch(/"victim" cannot be created: .*topic\.json .*not valid JSON/);
      expect((error as Error).message).not.toContain(dataDir);
    }
    expect(() => manager.validateTopic('victim')).toThrow(/cannot be created/);
    expect(() => manager.getLog('victim', 0)).toThrow(/"victim" is not served: its topic\.json cannot be read/);
    expect(await readFile(file, 'utf8')).toBe(text.slice(0, text.length / 2));
    expect((await readdir(join(dataDir, 'victim'))).sort()).toEqual(['0', '1', 'topic.json']);
  });

  it('still lets a creation reuse a directory a crash left without topic.json', async () => {
    const { dataDir } = await withVictim();
    await rm(join(dataDir, 'victim', 'topic.json'));
    const manager = await open(dataDir);
    expect(manager.errors).toEqual([]);
    expect(manager.warnings).toEqual([expect.stringMatching(/"victim": no valid topic\.json/)]);
    expect((await manager.createTopic('victim')).created).toBe(true);
  });

  it('says when partition directories lie beyond the count topic.json names, and serves what it names', async () => {
    const { dataDir, topicId } = await withVictim();
    const file = join(dataDir, 'victim', 'topic.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"partitions": 2', '"partitions": 1'));

    const manager = await open(dataDir);
    expect(manager.errors).toEqual([
      'Topic "victim" has partition directories 0, 1 but its topic.json names 1 partition(s): partitions 1 are not served (their files are left as they are)',
    ]);
    expect(manager.getTopic('victim')).toMatchObject({ topicId, partitions: 1 });
    expect((await manager.getLog('victim', 0).read(0)).records).toHaveLength(1);
    expect((await readdir(join(dataDir, 'victim'))).sort()).toEqual(['0', '1', 'topic.json']);
  });
});
