/**
 * The authentication middleware's failure pause, against a real broker: every request with a
 * wrong token counts as a failure of its client address (so the next answer waits longer,
 * auth-failures.ts), a good token forgets them, and a request without any credential counts
 * for nothing (a browser's first visit is no guess).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { emptyCredentials, makeToken, writeCredentials } from '../security/credential-store.js';

let broker: Broker;
let dir: string;
let token: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authenticate-'));
  const made = makeToken('User:bob', new Date());
  token = made.token;
  const credentialsFile = join(dir, 'credentials.json');
  await writeCredentials(credentialsFile, { ...emptyCredentials(), tokens: [made.entry] });
  broker = await createBroker({
    inMemory: true,
    port: 0,
    kafkaPort: -1,
    logLevel: 'silent',
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
});
