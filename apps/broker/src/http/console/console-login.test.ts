/**
 * The console's login with authentication on, against a real broker: pages redirect to the
 * login; a wrong password, an unknown user or a wrong token stay logged out; a right password
 * (or token) sets an HttpOnly, SameSite=Strict session cookie that opens the pages, which
 * show the principal and apply its ACLs; another site cannot post the login; logging out
 * ends the session.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../../broker.js';
import { emptyCredentials, makeToken, withUser, writeCredentials } from '../../security/credential-store.js';

let broker: Broker;
let dir: string;
let token: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'console-login-'));
  const made = makeToken('User:carol', new Date());
  token = made.token;
  const credentialsFile = join(dir, 'credentials.json');
  const data = await withUser({ ...emptyCredentials(), tokens: [made.entry] }, 'alice', 'alice-secret');
  await writeCredentials(credentialsFile, data);
  broker = await createBroker({
    inMemory: true,
    port: 0,
    kafkaPort: -1,
    logLevel: 'silent',
    auth: true,
    credentialsFile,
    superUsers: ['User:admin'],
    authFailureDelayMs: 0,
  });
  await broker.security.acls.create([
    {
      principal: 'User:alice',
      host: '*',
      resourceType: 'Topic',
      resourceName: 'mine',
      patternType: 'Literal',
      operation: 'All',
      permission: 'Allow',
    },
    {
      principal: 'User:alice',
      host: '*',
      resourceType: 'Cluster',
      resourceName: 'kafka-cluster',
      patternType: 'Literal',
      operation: 'Create',
      permission: 'Allow',
    },
  ]);
});
afterAll(async () => {
  await broker.close();
  await rm(dir, { recursive: true, force: true });
});

const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${broker.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

const page = (path: string, cookie?: string) =>
  fetch(`${broker.url}${path}`, { redirect: 'manual', headers: cookie === undefined ? {} : { cookie } });

function cookieOf(response: Response): string {
  const set = response.headers.get('set-cookie') ?? '';
  return set.split(';')[0] ?? '';
}

describe('the console login', () => {
  it('sends pages to the login page and keeps wrong credentials out', async () => {
    const overview = await page('/');
    expect(overview.status).toBe(302);
    expect(overview.headers.get('location')).toBe('/console/login?next=%2F');
    expect((await page('/console/login')).status).toBe(200);
    const attempts: Record<string, string>[] = [
      { user: 'alice', password: 'wrong-password' },
      { user: 'mallory', password: 'alice-secret' },
      { token: `${token}x` },
    ];
    for (const fields of attempts) {
      const answer = await post('/console/login', { ...fields, next: '/console/topics' });
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toMatch(/^\/console\/login\?failed=1/);
      expect(answer.headers.get('set-cookie')).toBeNull();
    }
  });

  it('logs in with a password, shows the principal, applies its ACLs and logs out', async () => {
    const login = await post('/console/login', { user: 'alice', password: 'alice-secret', next: '/console/topics' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/console/topics');
    const set = login.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Path=\//);
    const cookie = cookieOf(login);

    const created = await post('/console/topics', { name: 'mine', partitions: '1' }, { cookie });
    expect(created.headers.get('location')).toMatch(/^\/console\/topics\/mine\?done=/);
    await broker.logs.createTopic('theirs', { partitions: 1 });
    const topics = await page('/console/topics', cookie);
    expect(topics.status).toBe(200);
    const html = await topics.text();
    expect(html).toContain('User:alice');
    expect(html).toContain('mine');
    expect(html).not.toContain('theirs');
    // The overview is the cluster's: alice starts at her topics.
    expect((await page('/', cookie)).headers.get('location')).toBe('/console/topics');
    expect((await page('/console/topics/theirs', cookie)).status).toBe(403);
    const deleted = await post('/console/topics/theirs/delete', { confirm: 'theirs' }, { cookie });
    expect(decodeURIComponent(deleted.headers.get('location') ?? '')).toContain('Not authorized');

    const logout = await post('/console/logout', {}, { cookie });
    expect(logout.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await page('/console/topics', cookie)).status).toBe(302);
  });

  it('logs in with an API token, and refuses a login posted by another site', async () => {
    const login = await post('/console/login', { token });
    expect(login.status).toBe(303);
    expect(await (await page('/console/topics', cookieOf(login))).text()).toContain('User:carol');
    const forged = await post('/console/login', { token }, { Origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('set-cookie')).toBeNull();
  });
});
