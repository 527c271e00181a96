/**
 * The authentication middleware's failure pause, against a real broker: every request with a
 * wrong token counts as a failure of its client address (so the next answer waits longer,
 * auth-failures.ts), a good token forgets them, and a request without any credential counts
 * for nothing (a browser's first visit is no guess). And the logs (the debug access log
 * included) never hold a token, a password or a session cookie, good or bad.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { emptyCredentials, makeToken, withUser, writeCredentials } from '../security/credential-store.js';
import { recordingLogger } from '../testing/recording-logger.js';

let broker: Broker;
let dir: string;
let token: string;
const { logger, lines } = recordingLogger('debug');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authenticate-'));
  const made = makeToken('User:bob', new Date());
  token = made.token;
  const credentialsFile = join(dir, 'credentials.json');
  const data = await withUser({ ...emptyCredentials(), tokens: [made.entry] }, 'alice', 'alice-secret-1');
  await writeCredentials(credentialsFile, data);
  broker = await createBroker({
    inMemory: true,
    port: 0,
    kafkaPort: -1,
    logger,
    auth: true,
    credentialsFile,
    authFailureDelayMs: 1,
  });
});
afterAll(async () => {
  await broker.close();
  await rm(dir, { recursive: true, force: true });
});

const whoami = (authorization?: string) =>
  fetch(`${broker.url}/v1/whoami`, { headers: authorization === undefined ? {} : { authorization } });

describe('the failure pause of HTTP authentication', () => {
  it('counts wrong tokens per address, forgets them on success, ignores requests without one', async () => {
    const failures = broker.security.failures;
    for (let i = 0; i < 3; i++) expect((await whoami(`Bearer ${token}x`)).status).toBe(401);
    // The fourth failure in a row would wait 1 × 2³ ms: three were counted.
    expect(failures.failed('127.0.0.1')).toBe(8);
    expect((await whoami(`Bearer ${token}`)).status).toBe(200);
    expect(failures.failed('127.0.0.1')).toBe(1);
    failures.succeeded('127.0.0.1');
    expect((await whoami()).status).toBe(401);
    expect(failures.failed('127.0.0.1')).toBe(1);
  });

  it('never logs a token, a password or a session cookie', async () => {
    const secret = token.slice(token.lastIndexOf('_') + 1);
    await whoami(`Bearer ${token}`);
    await whoami(`Bearer ${token}x`);
    await fetch(`${broker.url}/v1/topics?token=${token}`);
    const login = await fetch(`${broker.url}/console/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user: 'alice', password: 'alice-secret-1' }).toString(),
      redirect: 'manual',
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^mk_session=.{43}$/);
    await fetch(`${broker.url}/console/topics`, { headers: { cookie }, redirect: 'manual' });
    const logged = JSON.stringify(lines);
    expect(logged).toContain('http request');
    expect(logged).toContain('console login');
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain('alice-secret-1');
    expect(logged).not.toContain(cookie.slice('mk_session='.length));
  });
});
