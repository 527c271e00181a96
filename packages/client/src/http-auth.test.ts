/**
 * What the transport sends and does for a broker with authentication on: the bearer token on
 * every request (JSON, bytes, long polls; node:http and a user's fetch), 401 and 403 as typed
 * errors that are not retried, and the token in no error and no inspection. The server here
 * only records headers and answers what each test says: it checks what the SDK sends (the
 * broker's side is tested against the real broker in packages/e2e).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Admin } from './admin.js';
import { isAuthenticationError, isAuthorizationError } from './auth-errors.js';
import { HttpTransport } from './http-transport.js';
import { MiniKafka } from './mini-kafka.js';

const TOKEN = `mk_0123456789abcdef_${'A'.repeat(43)}`;

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
}

let server: Server;
let url: string;
const seen: Seen[] = [];
/** The answer to the next requests: status and JSON body. */
let answer: { status: number; body: unknown } = { status: 200, body: {} };

function handle(request: IncomingMessage, response: ServerResponse): void {
  request.resume();
  request.on('end', () => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization });
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
  answer = { status: 200, body: {} };
});

const noWait = { sleep: async () => {}, retry: { retries: 3 } };

describe('the token option', () => {
  it('goes as a bearer token on JSON requests, byte exchanges and long polls, on node:http', async () => {
    const transport = new HttpTransport({ url, token: TOKEN, ...noWait });
    await transport.request('GET', '/v1/topics');
    await transport.request('POST', '/v1/topics', { body: { name: 'orders' } });
    await transport.exchange('POST', '/v1/topics/orders/records', {
      accept: 'application/json',
      body: { contentType: 'application/vnd.kafka.record-batch', bytes: new Uint8Array([1, 2, 3]) },
    });
    await transport.request('POST', '/v1/groups/g/members/m/fetch', { body: {}, waitMs: 10 });
    expect(seen.map((request) => request.authorization)).toEqual(Array(4).fill(`Bearer ${TOKEN}`));
  });

  it('goes through a fetch the user gives too', async () => {
    const transport = new HttpTransport({ url, token: TOKEN, fetch: globalThis.fetch, ...noWait });
    await transport.request('GET', '/v1/cluster');
    await transport.exchange('GET', '/v1/topics/orders/partitions/0/records', { accept: 'application/json' });
    expect(seen.map((request) => request.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it('is not sent when there is none', async () => {
    await new HttpTransport({ url, ...noWait }).request('GET', '/v1/topics');
    expect(seen).toEqual([expect.objectContaining({ authorization: undefined })]);
  });

  it('reaches every request of the clients MiniKafka hands out', async () => {
    answer = { status: 200, body: { acls: [] } };
    const kafka = new MiniKafka({ url, token: TOKEN, retry: { retries: 0 } });
    await kafka.admin().acls.list({ principal: 'User:alice' });
    await kafka.admin().whoami();
    expect(seen).toEqual([
      { method: 'GET', url: '/v1/acls?principal=User%3Aalice', authorization: `Bearer ${TOKEN}` },
      { method: 'GET', url: '/v1/whoami', authorization: `Bearer ${TOKEN}` },
    ]);
  });

  it('is refused, without being repeated, when it cannot go in a header', () => {
    for (const token of ['', 'two words', 'line\nbreak', 42]) {
      let thrown: unknown;
      try {
        new HttpTransport({ url, token: token as string });
      } catch (error) {
        thrown = error;
      }
      expect(isMiniKafkaError(thrown, 'INVALID_CONFIG')).toBe(true);
      if (typeof token === 'string' && token !== '') expect(String(thrown)).not.toContain(token);
    }
  });

  it('does not show in util.inspect or JSON of the client, its admin or its consumer', () => {
    const kafka = new MiniKafka({ url, token: TOKEN, cert: 'CERT PEM', key: 'PRIVATE KEY PEM' });
    const consumer = kafka.consumer({ groupId: 'g' });
    for (const value of [kafka, kafka.admin(), kafka.producer(), consumer]) {
      const shown = inspect(value, { depth: 8, showHidden: true }) + JSON.stringify(value);
      expect(shown).not.toContain(TOKEN.slice(20));
      expect(shown).not.toContain('PRIVATE KEY PEM');
    }
  });
});

describe('refusals', () => {
  it('401 is SASL_AUTHENTICATION_FAILED, tried once, its message without the token', async () => {
    answer = {
      status: 401,
      body: { error: { code: 58, name: 'SASL_AUTHENTICATION_FAILED', message: 'Authentication failed' } },
    };
    const admin = new Admin({ url, token: TOKEN, retry: { retries: 3, initialRetryTime: 1 } });
    const error = await admin.listTopics().catch((caught: unknown) => caught);
    expect(isAuthenticationError(error)).toBe(true);
    expect(isAuthorizationError(error)).toBe(false);
    expect(error).toMatchObject({ code: 58, httpStatus: 401, retriable: false });
    expect(inspect(error, { depth: 8 })).not.toContain(TOKEN.slice(20));
    expect(seen).toHaveLength(1);
  });

  it('401 without a Kafka error body is SASL_AUTHENTICATION_FAILED too', async () => {
    answer = { status: 401, body: { detail: 'Not authenticated' } };
    const error = await new HttpTransport({ url, ...noWait }).request('GET', '/v1/topics').catch((e: unknown) => e);
    expect(isMiniKafkaError(error, 'SASL_AUTHENTICATION_FAILED')).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it.each([
    ['TOPIC_AUTHORIZATION_FAILED', 29],
    ['GROUP_AUTHORIZATION_FAILED', 30],
    ['CLUSTER_AUTHORIZATION_FAILED', 31],
  ])('403 %s is an authorization error, tried once', async (name, code) => {
    answer = { status: 403, body: { error: { code, name, message: 'Not authorized' } } };
    const error = await new HttpTransport({ url, token: TOKEN, ...noWait })
      .request('GET', '/v1/topics/orders')
      .catch((caught: unknown) => caught);
    expect(isAuthorizationError(error)).toBe(true);
    expect(error).toMatchObject({ type: name, code, httpStatus: 403, retriable: false });
    expect(seen).toHaveLength(1);
  });
});

describe('admin.acls', () => {
  const binding = {
    principal: 'User:alice',
    host: '*',
    resourceType: 'Topic',
    resourceName: 'orders',
    patternType: 'Literal',
    operation: 'Read',
    permission: 'Allow',
  } as const;

  it('creates, lists and deletes through the /v1/acls routes', async () => {
    const admin = new Admin({ url, retry: { retries: 0 } });
    answer = { status: 201, body: { acls: [binding] } };
    await admin.acls.create([binding]);
    answer = { status: 200, body: { acls: [binding] } };
    expect(await admin.acls.list({ resourceType: 'Topic', patternType: 'Match', resourceName: 'orders' })).toEqual([
      binding,
    ]);
    answer = { status: 200, body: { deleted: [binding] } };
    expect(await admin.acls.delete({ principal: 'User:alice', operation: 'Read' })).toEqual([binding]);
    expect(seen.map(({ method, url: path }) => `${method} ${path}`)).toEqual([
      'POST /v1/acls',
      'GET /v1/acls?resourceType=Topic&resourceName=orders&patternType=Match',
      'DELETE /v1/acls?principal=User%3Aalice&operation=Read',
    ]);
  });

  it('refuses to delete with an empty filter, without asking the broker', async () => {
    const error = await new Admin({ url }).acls.delete({}).catch((caught: unknown) => caught);
    expect(isMiniKafkaError(error, 'INVALID_REQUEST')).toBe(true);
    expect(seen).toHaveLength(0);
  });

  it('answers SECURITY_DISABLED as the broker does without authentication', async () => {
    answer = {
      status: 400,
      body: { error: { code: 54, name: 'SECURITY_DISABLED', message: 'Authentication is off' } },
    };
    const error = await new Admin({ url }).acls.list().catch((caught: unknown) => caught);
    expect(isMiniKafkaError(error, 'SECURITY_DISABLED')).toBe(true);
  });
});
