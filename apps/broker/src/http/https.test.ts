/**
 * The HTTP listener over TLS, against a real broker (127.0.0.1, port 0) with a throwaway CA:
 * the broker's URL is https://, /health is answered over TLS, a client certificate (mTLS)
 * authenticates as `User:<CN>` (or the whole DN), a bearer token still works beside it, a
 * client without either gets 401, and TLS before 1.2 is refused.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestCertificates, type TestCertificates } from '@mini-kafka/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { emptyCredentials, makeToken, writeCredentials } from '../security/credential-store.js';

let dir: string;
let certs: TestCertificates;
let credentialsFile: string;
let token: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'https-'));
  certs = await makeTestCertificates(dir);
  const made = makeToken('User:bob', new Date());
  token = made.token;
  credentialsFile = join(dir, 'credentials.json');
  await writeCredentials(credentialsFile, { ...emptyCredentials(), tokens: [made.entry] });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Options {
  client?: boolean;
  headers?: Record<string, string>;
  maxVersion?: 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
}

function get(
  url: string,
  { client = false, headers = {}, maxVersion }: Options = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      url,
      {
        ca: readFileSync(certs.ca),
        headers,
        ...(client ? { cert: readFileSync(certs.client), key: readFileSync(certs.clientKey) } : {}),
        ...(maxVersion === undefined ? {} : { maxVersion, minVersion: 'TLSv1' }),
      },
      (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

async function tlsBroker(extra: Record<string, unknown>): Promise<Broker> {
  return createBroker({
    inMemory: true,
    port: 0,
    kafkaPort: 0,
    logLevel: 'silent',
    tlsCertFile: certs.server,
    tlsKeyFile: certs.serverKey,
    tlsCaFile: certs.ca,
    credentialsFile,
    authFailureDelayMs: 0,
    ...extra,
  });
}

describe('the HTTP listener over TLS', () => {
  it('serves https://, with /health, and takes a client certificate as User:<CN>', async () => {
    const broker = await tlsBroker({ auth: true, tlsClientAuth: 'requested' });
    try {
      expect(broker.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(await get(`${broker.url}/health`)).toEqual({ status: 200, body: '{"status":"ok"}' });
      const byCertificate = await get(`${broker.url}/v1/whoami`, { client: true });
      expect(JSON.parse(byCertificate.body)).toEqual({
        principal: 'User:alice',
        authenticated: true,
        superUser: false,
      });
      const byToken = await get(`${broker.url}/v1/whoami`, { headers: { authorization: `Bearer ${token}` } });
      expect(JSON.parse(byToken.body).principal).toBe('User:bob');
      expect((await get(`${broker.url}/v1/whoami`)).status).toBe(401);
      await expect(get(`${broker.url}/health`, { maxVersion: 'TLSv1.1' })).rejects.toThrow();
    } finally {
      await broker.close();
    }
  });

  it('names the principal by the whole subject DN when told to', async () => {
    const broker = await tlsBroker({ auth: true, tlsClientAuth: 'requested', principalFromCertificate: 'dn' });
    try {
      const answer = await get(`${broker.url}/v1/whoami`, { client: true });
      expect(JSON.parse(answer.body).principal).toBe('User:CN=alice,OU=tests,O=Mini Kafka');
    } finally {
      await broker.close();
    }
  });

  it('refuses the handshake of a client without a certificate when one is required', async () => {
    const broker = await tlsBroker({ auth: true, tlsClientAuth: 'required' });
    try {
      await expect(get(`${broker.url}/v1/whoami`)).rejects.toThrow();
      expect((await get(`${broker.url}/v1/whoami`, { client: true })).status).toBe(200);
    } finally {
      await broker.close();
    }
  });
});
