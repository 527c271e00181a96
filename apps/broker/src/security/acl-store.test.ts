import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeFileSystem } from '@mini-kafka/storage';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { AclBinding } from './acl.js';
import { ACLS_FILE, AclStore } from './acl-store.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const read: AclBinding = {
  principal: 'User:alice',
  host: '*',
  resourceType: 'Topic',
  resourceName: 'orders',
  patternType: 'Literal',
  operation: 'Read',
  permission: 'Allow',
};
const write: AclBinding = { ...read, operation: 'Write' };
const group: AclBinding = { ...read, resourceType: 'Group', resourceName: 'billing' };

describe('AclStore', () => {
  it('keeps created bindings across a reopen, without duplicates', async () => {
    const dataDir = await dirs.make();
    const store = await AclStore.open({ dataDir, fs: nodeFileSystem });
    await store.create([read, write]);
    await store.create([read, group]);
    const reopened = await AclStore.open({ dataDir, fs: nodeFileSystem });
    expect(reopened.all()).toEqual([read, write, group]);
    expect(JSON.parse(await readFile(join(dataDir, ACLS_FILE), 'utf8')).version).toBe(1);
  });

  it('describes and deletes by filter, answering what each filter removed', async () => {
    const dataDir = await dirs.make();
    const store = await AclStore.open({ dataDir, fs: nodeFileSystem });
    await store.create([read, write, group]);
    expect(store.describe({ resourceType: 'Topic' })).toEqual([read, write]);
    const removed = await store.delete([{ operation: 'Write' }, { resourceType: 'Group' }]);
    expect(removed).toEqual([[write], [group]]);
    expect((await AclStore.open({ dataDir, fs: nodeFileSystem })).all()).toEqual([read]);
  });

  it('refuses a bad binding, storing none of the batch', async () => {
    const store = await AclStore.open({ fs: nodeFileSystem });
    await expect(store.create([read, { ...read, principal: 'nobody' }])).rejects.toMatchObject({
      type: 'INVALID_REQUEST',
    });
    expect(store.all()).toEqual([]);
  });

  it('keeps the old bindings when the write fails', async () => {
    const dataDir = await dirs.make();
    const failing = {
      ...nodeFileSystem,
      writeFileAtomic: () => Promise.reject(Object.assign(new Error('no space'), { code: 'ENOSPC' })),
    };
    const store = await AclStore.open({ dataDir, fs: failing });
    await expect(store.create([read])).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(store.all()).toEqual([]);
  });

  it('stops the start on an unreadable file rather than enforcing nothing', async () => {
    const dataDir = await dirs.make();
    await writeFile(join(dataDir, ACLS_FILE), '{"version":1,"acls":[{"oops":1}]}');
    await expect(AclStore.open({ dataDir, fs: nodeFileSystem })).rejects.toMatchObject({ type: 'INVALID_CONFIG' });
  });
});
