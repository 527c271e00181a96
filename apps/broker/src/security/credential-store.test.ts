import { readFile, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CredentialStore,
  emptyCredentials,
  makeToken,
  readCredentials,
  withUser,
  writeCredentials,
} from './credential-store.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

describe('the credentials file', () => {
  it('stores salted SCRAM keys, never the password, readable by its owner only', async () => {
    const path = join(await dirs.make(), 'credentials.json');
    await writeCredentials(path, await withUser(emptyCredentials(), 'alice', 'correct horse'));
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('correct horse');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const data = await readCredentials(path);
    expect(Object.keys(data.users)).toEqual(['alice']);
    expect(data.users.alice!['SCRAM-SHA-256'].iterations).toBeGreaterThanOrEqual(4096);
  });

  it('checks passwords, refusing wrong ones and unknown users', async () => {
    const store = CredentialStore.of(await withUser(emptyCredentials(), 'alice', 'correct horse'));
    expect(await store.verifyPassword('alice', 'correct horse')).toBe(true);
    expect(await store.verifyPassword('alice', 'correct horsE')).toBe(false);
    expect(await store.verifyPassword('mallory', 'correct horse')).toBe(false);
  });

  it('refuses bad user names and short passwords', async () => {
    await expect(withUser(emptyCredentials(), 'a b', 'long enough')).rejects.toMatchObject({ type: 'INVALID_REQUEST' });
    await expect(withUser(emptyCredentials(), 'alice', 'short')).rejects.toMatchObject({ type: 'INVALID_REQUEST' });
  });

  it('maps a token to its principal, and nothing else to any', async () => {
    const { token, entry } = makeToken('User:ci', new Date(0), 'pipeline');
    const store = CredentialStore.of({ ...emptyCredentials(), tokens: [entry] });
    expect(JSON.stringify(entry)).not.toContain(token.split('_')[2]);
    expect(await store.principalForToken(token)).toBe('User:ci');
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await store.principalForToken(tampered)).toBeUndefined();
    expect(await store.principalForToken('mk_0000000000000000_x')).toBeUndefined();
    expect(await store.principalForToken('')).toBeUndefined();
  });

  it('finds a user or token added a moment ago, without waiting for the next look', async () => {
    const path = join(await dirs.make(), 'credentials.json');
    await writeCredentials(path, emptyCredentials());
    const store = await CredentialStore.open(path);
    expect(await store.verifyPassword('alice', 'correct horse')).toBe(false);
    const { token, entry } = makeToken('User:ci', new Date(0));
    await writeCredentials(path, {
      ...(await withUser(emptyCredentials(), 'alice', 'correct horse')),
      tokens: [entry],
    });
    await utimes(path, new Date(), new Date(Date.now() + 5000));
    expect(await store.principalForToken(token)).toBe('User:ci');
    expect(await store.verifyPassword('alice', 'correct horse')).toBe(true);
  });

  it('picks up a changed file while running, keeping the last good one when it is damaged', async () => {
    const path = join(await dirs.make(), 'credentials.json');
    await writeCredentials(path, emptyCredentials());
    const store = await CredentialStore.open(path);
    expect(await store.verifyPassword('alice', 'correct horse')).toBe(false);
    await writeCredentials(path, await withUser(emptyCredentials(), 'alice', 'correct horse'));
    await utimes(path, new Date(), new Date(Date.now() + 5000));
    await store.refresh(false, Date.now() + 2000);
    expect(store.userNames()).toEqual(['alice']);
    await import('node:fs/promises').then(({ writeFile }) => writeFile(path, 'not json'));
    await utimes(path, new Date(), new Date(Date.now() + 10_000));
    await store.refresh(false, Date.now() + 4000);
    expect(store.userNames()).toEqual(['alice']);
  });
});
