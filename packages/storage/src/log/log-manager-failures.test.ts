import { readdir } from 'node:fs/promises';
import { type ErrorType, isMiniKafkaError } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FileSystem } from '../fs/file-system.js';
import { FaultyFileSystem, type FaultyOperation } from '../testing/faulty-file-system.js';
import { LogManager, type LogManagerOptions } from './log-manager.js';

const dirs = new TempDirs();
const managers: LogManager[] = [];
afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.close().catch(() => undefined);
  await dirs.cleanup();
});

async function open(options: LogManagerOptions & { dataDir: string }): Promise<LogManager> {
  const manager = await LogManager.open({ retentionCheckIntervalMs: 0, defaults: { flush: 'never' }, ...options });
  managers.push(manager);
  return manager;
}

async function errorOf(promise: Promise<unknown>, type: ErrorType): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isMiniKafkaError(error, type), `expected ${type}, got ${String(error)}`).toBe(true);
  return error as Error;
}

const entries = async (dir: string) => (await readdir(dir)).filter((name) => name !== '.lock').sort();

describe('LogManager when the disk fails', () => {
  it.each<[string, FaultyOperation, string, number, string]>([
    ['too many open files while opening its partitions', 'open', 'EMFILE', 2, 'too many open files'],
    ['too many open files in the whole system', 'open', 'ENFILE', 0, 'too many open files on the whole system'],
    ['no permission to make its directory', 'mkdir', 'EACCES', 0, 'permission denied'],
    ['no space for its topic.json', 'writeFileAtomic', 'ENOSPC', 0, 'no space left'],
    ['a failed fsync of the data directory after topic.json', 'syncDirectory', 'EIO', 3, 'an I/O error'],
  ])('leaves nothing behind when a topic cannot be created: %s', async (_, operation, code, after, words) => {
    const dataDir = await dirs.make();
    const fs = new FaultyFileSystem();
    const manager = await open({ dataDir, fs });
    await manager.createTopic('kept');
    const before = await entries(dataDir);
    const handles = fs.openHandles;
    fs.failOperation(operation, code, after);
    const error = await errorOf(manager.createTopic('orders', { partitions: 3 }), 'KAFKA_STORAGE_ERROR');
    fs.heal();
    expect(error.message.startsWith(`Cannot create topic "orders": ${words}`), error.message).toBe(true);
    expect(error.message).toContain(`(${code})`);
    expect(error.message).not.toContain(dataDir);
    expect(await entries(dataDir)).toEqual(before);
    expect(manager.hasTopic('orders')).toBe(false);
    expect(manager.listTopics().map((t) => t.name)).toEqual(['kept']);
    expect(fs.openHandles).toBe(handles);
    // Nothing stands in the way of the same creation once the disk allows it, nor of a restart.
    expect((await manager.createTopic('orders', { partitions: 3 })).created).toBe(true);
    await manager.close();
    const reopened = await open({ dataDir });
    expect(reopened.warnings).toEqual([]);
    expect(reopened.listTopics().map((t) => t.name)).toEqual(['kept', 'orders']);
  });

  it('leaves a topic as it was when partitions cannot be added', async () => {
    const dataDir = await dirs.make();
    const fs = new FaultyFileSystem();
    const manager = await open({ dataDir, fs });
    await manager.createTopic('t', { partitions: 2 });
    await manager.getLog('t', 1).append([{ value: 'kept' }]);
    const handles = fs.openHandles;
    fs.failOperation('writeFileAtomic', 'ENOSPC');
    const error = await errorOf(manager.addPartitions('t', 5), 'KAFKA_STORAGE_ERROR');
    fs.heal();
    expect(error.message).toMatch(/^Cannot add partitions to topic "t": no space left/);
    expect(manager.getTopic('t')?.partitions).toBe(2);
    expect(await entries(`${dataDir}/t`)).toEqual(['0', '1', 'topic.json']);
    expect(fs.openHandles).toBe(handles);
    expect((await manager.addPartitions('t', 5)).partitions).toBe(5);
    expect((await manager.getLog('t', 1).read(0)).records[0]?.value?.toString()).toBe('kept');
  });

  it('answers a config change it cannot store with a storage error, changing nothing', async () => {
    const dataDir = await dirs.make();
    const fs = new FaultyFileSystem();
    const manager = await open({ dataDir, fs });
    await manager.createTopic('t');
    fs.failOperation('writeFileAtomic', 'ENOSPC');
    const change = { ops: [{ name: 'retention.ms', op: 'SET' as const, value: '1000' }] };
    const error = await errorOf(manager.alterTopicConfigs('t', change), 'KAFKA_STORAGE_ERROR');
    expect(error.message).toMatch(/^Cannot store the configs of topic "t": no space left/);
    expect(manager.getTopic('t')?.config).toEqual({});
  });

  it('closes a deleted topic’s files at once, writing nothing to them', async () => {
    const dataDir = await dirs.make();
    const fs = new FaultyFileSystem();
    const manager = await open({ dataDir, fs, defaults: { flush: 'never', segmentBytes: 1024 } });
    await manager.createTopic('kept');
    const handles = fs.openHandles;
    await manager.createTopic('doomed', { partitions: 3 });
    for (let i = 0; i < 30; i++) await manager.getLog('doomed', i % 3).append([{ value: 'x'.repeat(200) }]);
    expect(fs.openHandles).toBeGreaterThan(handles + 3);
    const syncs = fs.datasyncs;
    // A full disk: closing the logs cleanly would fail (index files, markers); deleting must not.
    fs.failOperation('writeFileAtomic', 'ENOSPC');
    await manager.deleteTopic('doomed');
    expect(fs.openHandles).toBe(handles);
    expect(fs.datasyncs).toBe(syncs);
    expect(await entries(dataDir)).toEqual(['kept']);
  });

  it('lets a read in flight when its topic is deleted finish on its own handle; later reads fail cleanly', async () => {
    const dataDir = await dirs.make();
    const faulty = new FaultyFileSystem();
    let gate: Promise<void> | undefined;
    let waiting = 0;
    const fs: FileSystem = Object.assign(Object.create(faulty) as FaultyFileSystem, {
      open: async (path: string) => {
        const handle = await faulty.open(path);
        const read: typeof handle.read = async (...args) => {
          if (gate !== undefined) {
            waiting++;
            await gate;
          }
          return handle.read(...args);
        };
        return { ...handle, read };
      },
    });
    const manager = await open({ dataDir, fs });
    await manager.createTopic('t');
    const log = manager.getLog('t', 0);
    await log.append([{ value: 'first' }, { value: 'second' }]);
    let release: () => void = () => undefined;
    gate = new Promise<void>((resolve) => (release = resolve));
    const reading = log.read(0);
    await vi.waitFor(() => expect(waiting).toBe(1));
    let deleted = false;
    const deleting = manager.deleteTopic('t').then(() => (deleted = true));
    // New requests no longer find the topic; the delete waits for the read it would cut short.
    await vi.waitFor(() => expect(manager.hasTopic('t')).toBe(false));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(deleted).toBe(false);
    gate = undefined;
    release();
    expect((await reading).records.map((r) => r.value?.toString())).toEqual(['first', 'second']);
    await deleting;
    expect(faulty.openHandles).toBe(0);
    expect(await entries(dataDir)).toEqual([]);
    const late = await errorOf(log.read(0), 'KAFKA_STORAGE_ERROR');
    expect(isMiniKafkaError(late) && late.retriable).toBe(true);
    await errorOf(
      Promise.resolve().then(() => manager.getLog('t', 0)),
      'UNKNOWN_TOPIC_OR_PARTITION',
    );
  });

  it('closes every file and frees the data directory even when its logs cannot close cleanly', async () => {
    const dataDir = await dirs.make();
    const fs = new FaultyFileSystem();
    const manager = await open({ dataDir, fs });
    await manager.createTopic('t', { partitions: 4 });
    await manager.getLog('t', 2).append([{ value: 'kept' }]);
    fs.failOperation('writeFileAtomic', 'ENOSPC');
    const error = await errorOf(manager.close(), 'KAFKA_STORAGE_ERROR');
    expect(error.message).toMatch(/^Closing the logs cleanly failed: no space left/);
    expect(fs.openHandles).toBe(0);
    const reopened = await open({ dataDir });
    expect((await reopened.getLog('t', 2).read(0)).records[0]?.value?.toString()).toBe('kept');
  });

  it('names the cause, not the path, when the data directory cannot be opened', async () => {
    const fs = new FaultyFileSystem();
    fs.failOperation('mkdir', 'EACCES');
    const dataDir = await dirs.make();
    const error = await errorOf(LogManager.open({ dataDir: `${dataDir}/data`, fs }), 'KAFKA_STORAGE_ERROR');
    expect(error.message).toBe('Cannot open the data directory: permission denied in the data directory (EACCES)');
  });
});
