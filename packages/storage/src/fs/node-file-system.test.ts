import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mountSmallDisk, type SmallDisk } from '@mini-kafka/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasErrorCode } from './file-system.js';
import { nodeFileSystem } from './node-file-system.js';

const SIZE = 1024 * 1024;
let disk: SmallDisk | string = 'not mounted';
beforeAll(async () => {
  disk = await mountSmallDisk(SIZE);
});
afterAll(async () => {
  if (typeof disk !== 'string') await disk.unmount();
});

describe('nodeFileSystem on a full disk (a 1 MiB tmpfs)', () => {
  it('writeFileAtomic leaves no temporary file behind, the old file intact and the space free', async (ctx) => {
    if (typeof disk === 'string') return ctx.skip(disk);
    const path = join(disk.path, 'topic.json');
    await nodeFileSystem.writeFileAtomic(path, Buffer.from('old'));
    const free = await disk.freeBytes();
    const error = await nodeFileSystem.writeFileAtomic(path, Buffer.alloc(2 * SIZE, 1)).catch((e: unknown) => e);
    expect(hasErrorCode(error, 'ENOSPC')).toBe(true);
    expect(await readdir(disk.path)).toEqual(['topic.json']);
    expect((await readFile(path)).toString()).toBe('old');
    expect(await disk.freeBytes()).toBe(free);
  });

  it('createExclusive removes the file it could not finish, so the name stays free', async (ctx) => {
    if (typeof disk === 'string') return ctx.skip(disk);
    const path = join(disk.path, 'producer-ids.json');
    const error = await nodeFileSystem.createExclusive(path, Buffer.alloc(2 * SIZE, 1)).catch((e: unknown) => e);
    expect(hasErrorCode(error, 'ENOSPC')).toBe(true);
    expect(await nodeFileSystem.exists(path)).toBe(false);
    expect(await nodeFileSystem.createExclusive(path, Buffer.from('{}'))).toBe(true);
  });
});
