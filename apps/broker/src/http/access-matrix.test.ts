/**
 * The HTTP access matrix, against a real broker with authentication on (127.0.0.1, port 0):
 * four principals (a super user, a producer of `orders`, a consumer of `orders` in group
 * `readers`, one with no ACLs) × the routes of both APIs, /metrics and the ACL routes →
 * the status and the error (code and shape) each gets; lists show only what the principal may
 * Describe; a topic it may not Describe answers 403 whether or not it exists; requests
 * without a valid credential get clean 401s, wherever a token is hidden, and the broker stays
 * healthy.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import type { AclBinding } from '../security/acl.js';
import { emptyCredentials, makeToken, writeCredentials } from '../security/credential-store.js';

type Who = 'admin' | 'producer' | 'consumer' | 'nobody';
const WHO: readonly Who[] = ['admin', 'producer', 'consumer', 'nobody'];

let broker: Broker;
let dir: string;
const tokens = {} as Record<Who, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'access-matrix-'));
  const made = WHO.map((who) => makeToken(`User:${who}`, new Date()));
  WHO.forEach((who, i) => {
    tokens[who] = made[i]!.token;
  });
  const credentialsFile = join(dir, 'credentials.json');
  await writeCredentials(credentialsFile, { ...emptyCredentials(), tokens: made.map((m) => m.entry) });
  broker = await createBroker({
    inMemory: true,
    port: 0,
    kafkaPort: 0,
    logLevel: 'silent',
    auth: true,
    superUsers: ['User:admin'],
    credentialsFile,
    authFailureDelayMs: 0,
  });
  const allow = (
    principal: string,
    resourceType: AclBinding['resourceType'],
    resourceName: string,
    operation: AclBinding['operation'],
  ): AclBinding => ({
    principal,
    host: '*',
    resourceType,
    resourceName,
    patternType: 'Literal',
    operation,
    permission: 'Allow',
  });
  await broker.security.acls.create([
    allow('User:producer', 'Topic', 'orders', 'Write'),
    allow('User:consumer', 'Topic', 'orders', 'Read'),
    allow('User:consumer', 'Group', 'readers', 'Read'),
  ]);
  await as('admin', 'POST', '/v1/topics', { name: 'orders', partitions: 1 });
  await as('admin', 'POST', '/v1/topics', { name: 'secret', partitions: 1 });
  await as('admin', 'POST', '/v1/topics/orders/records', { records: [{ value: 'one' }] });
});

afterAll(async () => {
  await broker.close();
  await rm(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: assertions check the shape.
  body: any;
}

async function request(path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${broker.url}${path}`, { redirect: 'manual', ...init });
  const text = await response.text();
  let body: unknown;
  try {
    body = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body };
}

function as(who: Who, method: string, path: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${tokens[who]}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** A route, and what each principal gets: a 2xx status, or [status, Kafka error name]. */
type Expected = number | [number, string];
interface Row {
  method: string;
  path: string;
  body?: unknown;
  expect: Record<Who, Expected>;
}

const TOPIC = [403, 'TOPIC_AUTHORIZATION_FAILED'] as [number, string];
const GROUP = [403, 'GROUP_AUTHORIZATION_FAILED'] as [number, string];
const CLUSTER = [403, 'CLUSTER_AUTHORIZATION_FAILED'] as [number, string];
const all = (expected: Expected): Record<Who, Expected> => ({
  admin: expected,
  producer: expected,
  consumer: expected,
  nobody: expected,
});

// In order: later rows rely on earlier ones (the consumer joins before it fetches).
const MATRIX: Row[] = [
  { method: 'GET', path: '/v1/whoami', expect: all(200) },
  { method: 'GET', path: '/v1/topics', expect: all(200) },
  { method: 'GET', path: '/v1/topics/orders', expect: { admin: 200, producer: 200, consumer: 200, nobody: TOPIC } },
  { method: 'GET', path: '/v1/topics/secret', expect: { admin: 200, producer: TOPIC, consumer: TOPIC, nobody: TOPIC } },
  {
    method: 'GET',
    path: '/v1/topics/absent',
    expect: { admin: [404, 'UNKNOWN_TOPIC_OR_PARTITION'], producer: TOPIC, consumer: TOPIC, nobody: TOPIC },
  },
  {
    method: 'POST',
    path: '/v1/topics/orders/records',
    body: { records: [{ value: 'two' }] },
    expect: { admin: 200, producer: 200, consumer: TOPIC, nobody: TOPIC },
  },
  {
    method: 'POST',
    path: '/v1/topics/orders-auto/records',
    body: { records: [{ value: 'x' }] },
    expect: { admin: 200, producer: TOPIC, consumer: TOPIC, nobody: TOPIC },
  },
  {
    method: 'GET',
    path: '/v1/topics/orders/partitions/0/records?offset=0',
    expect: { admin: 200, producer: TOPIC, consumer: 200, nobody: TOPIC },
  },
  {
    method: 'GET',
    path: '/v1/topics/orders/partitions/0/offsets?timestamp=-1',
    expect: { admin: 200, producer: 200, consumer: 200, nobody: TOPIC },
  },
  {
    method: 'GET',
    path: '/v1/topics/orders/configs',
    expect: { admin: 200, producer: TOPIC, consumer: TOPIC, nobody: TOPIC },
  },
  {
    method: 'PATCH',
    path: '/v1/topics/orders/configs',
    body: { set: { 'retention.ms': '600000' } },
    expect: { admin: 200, producer: TOPIC, consumer: TOPIC, nobody: TOPIC },
  },
  {
    method: 'POST',
    path: '/v1/topics/orders/partitions',
    body: { partitions: 2 },
    expect: { admin: 200, producer: TOPIC, consumer: TOPIC, nobody: TOPIC },
  },
  {
    method: 'POST',
    path: '/v1/topics',
    body: { name: 'fresh', partitions: 1, validateOnly: true },
    expect: { admin: 200, producer: TOPIC, consumer: TOPIC, nobody: TOPIC },
  },
  {
    method: 'POST',
    path: '/v1/groups/readers/members',
    body: { topics: ['orders'] },
    expect: { admin: 200, producer: GROUP, consumer: 200, nobody: GROUP },
  },
  { method: 'GET', path: '/v1/groups', expect: all(200) },
  { method: 'GET', path: '/v1/groups/readers', expect: { admin: 200, producer: GROUP, consumer: 200, nobody: GROUP } },
  {
    method: 'GET',
    path: '/v1/groups/readers/offsets',
    expect: { admin: 200, producer: GROUP, consumer: 200, nobody: GROUP },
  },
  {
    method: 'POST',
    path: '/v1/groups/readers/offsets',
    body: { offsets: [{ topic: 'orders', partition: 0, offset: 1 }] },
    // Past the ACLs, the coordinator refuses a commit without the member's id while the group has members.
    expect: { admin: [409, 'UNKNOWN_MEMBER_ID'], producer: GROUP, consumer: [409, 'UNKNOWN_MEMBER_ID'], nobody: GROUP },
  },
  {
    method: 'POST',
    path: '/v1/groups/others/members',
    body: { topics: ['secret'] },
    expect: { admin: 200, producer: GROUP, consumer: GROUP, nobody: GROUP },
  },
  { method: 'GET', path: '/v1/cluster', expect: { admin: 200, producer: CLUSTER, consumer: CLUSTER, nobody: CLUSTER } },
  { method: 'GET', path: '/v1/broker', expect: { admin: 200, producer: CLUSTER, consumer: CLUSTER, nobody: CLUSTER } },
  {
    method: 'GET',
    path: '/v1/log-dirs',
    expect: { admin: 200, producer: CLUSTER, consumer: CLUSTER, nobody: CLUSTER },
  },
  {
    method: 'GET',
    path: '/v1/brokers/0/configs',
    expect: { admin: 200, producer: CLUSTER, consumer: CLUSTER, nobody: CLUSTER },
  },
  { method: 'POST', path: '/v1/producers', expect: { admin: 201, producer: 201, consumer: CLUSTER, nobody: CLUSTER } },
  { method: 'GET', path: '/v1/acls', expect: { admin: 200, producer: CLUSTER, consumer: CLUSTER, nobody: CLUSTER } },
  {
    method: 'POST',
    path: '/v1/acls',
    body: { acls: [{ principal: 'User:x', resourceType: 'Topic', resourceName: 'y', operation: 'Read' }] },
    expect: { admin: 201, producer: CLUSTER, consumer: CLUSTER, nobody: CLUSTER },
  },
  {
    method: 'DELETE',
    path: '/v1/acls?principal=User:x',
    expect: { admin: 200, producer: CLUSTER, consumer: CLUSTER, nobody: CLUSTER },
  },
  {
    method: 'DELETE',
    path: '/v1/topics/secret',
    expect: { admin: 204, producer: TOPIC, consumer: TOPIC, nobody: TOPIC },
  },
  // The tutorial's routes and /metrics answer `{"detail"}`.
  {
    method: 'POST',
    path: '/topics/orders/messages',
    body: { message: 'hi' },
    expect: { admin: 200, producer: 200, consumer: TOPIC, nobody: TOPIC },
  },
  {
    method: 'GET',
    path: '/topics/orders/messages?consumer_id=c1&group_id=readers',
    expect: { admin: 200, producer: TOPIC, consumer: 200, nobody: TOPIC },
  },
  {
    method: 'POST',
    path: '/topics/lesson/create',
    expect: { admin: 200, producer: TOPIC, consumer: TOPIC, nobody: TOPIC },
  },
  { method: 'GET', path: '/metrics', expect: { admin: 200, producer: CLUSTER, consumer: CLUSTER, nobody: CLUSTER } },
];

const isV1 = (path: string): boolean => path.startsWith('/v1/');

describe('the HTTP access matrix', () => {
  for (const who of WHO) {
    it(`answers ${who} as its ACLs say, on every route, in the route's error shape`, async () => {
      const got: string[] = [];
      const wanted: string[] = [];
      for (const row of MATRIX) {
        const expected = row.expect[who];
        const answer = await as(who, row.method, row.path, row.body);
        const [status, name] = typeof expected === 'number' ? [expected, undefined] : expected;
        wanted.push(`${row.method} ${row.path} ${status} ${name ?? ''}`);
        let gotName = '';
        if (answer.status >= 400) {
          if (isV1(row.path)) gotName = answer.body?.error?.name ?? 'no v1 error body';
          else gotName = typeof answer.body?.detail === 'string' ? (name ?? '') : 'no detail body';
        }
        got.push(`${row.method} ${row.path} ${answer.status} ${gotName}`);
      }
      expect(got).toEqual(wanted);
    });
  }

  it('lists only the topics and groups the principal may Describe', async () => {
    const topics = async (who: Who) =>
      ((await as(who, 'GET', '/v1/topics')).body.topics as { name: string }[]).map((t) => t.name).sort();
    const groups = async (who: Who) =>
      ((await as(who, 'GET', '/v1/groups')).body.groups as { groupId: string }[]).map((g) => g.groupId).sort();
    expect(await topics('nobody')).toEqual([]);
    expect(await topics('producer')).toEqual(['orders']);
    expect(await topics('consumer')).toEqual(['orders']);
    expect(await topics('admin')).toContain('lesson');
    expect(await groups('nobody')).toEqual([]);
    expect(await groups('producer')).toEqual([]);
    expect(await groups('consumer')).toEqual(['readers']);
  });

  it('tells each caller who it is', async () => {
    expect((await as('producer', 'GET', '/v1/whoami')).body).toEqual({
      principal: 'User:producer',
      authenticated: true,
      superUser: false,
    });
  });
});

describe('requests without a valid credential', () => {
  it('get 401 with WWW-Authenticate: Bearer, in both shapes; /health, /openapi.json and /docs stay open', async () => {
    const v1 = await request('/v1/topics');
    expect(v1.status).toBe(401);
    expect(v1.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(v1.body).toEqual({ error: { code: 58, name: 'SASL_AUTHENTICATION_FAILED', message: expect.any(String) } });
    const tutorial = await request('/topics/orders/messages?consumer_id=c');
    expect(tutorial.status).toBe(401);
    expect(tutorial.body).toEqual({ detail: expect.any(String) });
    expect((await request('/metrics')).status).toBe(401);
    expect((await request('/health')).status).toBe(200);
    expect((await request('/openapi.json')).status).toBe(200);
    expect((await request('/docs')).status).toBe(200);
    const page = await request('/console/topics');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/console/login?next=%2Fconsole%2Ftopics');
  });

  it('are refused wherever the token is hidden, and the broker stays healthy', async () => {
    const token = tokens.admin;
    expect((await request(`/v1/topics?token=${token}&access_token=${token}`)).status).toBe(401);
    expect((await request('/v1/topics', { headers: { authorization: token } })).status).toBe(401);
    expect((await request('/v1/topics', { headers: { authorization: `Basic ${token}` } })).status).toBe(401);
    expect((await request('/v1/topics', { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
    expect((await request('/v1/topics', { headers: { authorization: `Bearer ${'a'.repeat(8000)}` } })).status).toBe(
      401,
    );
    expect((await request('/v1/topics', { headers: { cookie: `mk_session=${token}` } })).status).toBe(401);
    // The scheme is case-insensitive (RFC 7235): a lowercase `bearer` with a good token is served.
    expect((await request('/v1/topics', { headers: { authorization: `bearer ${token}` } })).status).toBe(200);
    // Two Authorization headers, even with a good token first: refused.
    expect(await rawStatus(['authorization', `Bearer ${token}`, 'authorization', 'Bearer x'])).toBe(401);
    // A header past Node's limit is refused by the HTTP parser itself.
    expect(await rawStatus(['authorization', `Bearer ${'a'.repeat(20_000)}`])).toBe(431);
    expect((await request('/health')).status).toBe(200);
    expect((await as('admin', 'GET', '/v1/topics')).status).toBe(200);
  });
});

/** The status of a GET /v1/topics sent as raw bytes with `headers` (name, value, name, value...). */
function rawStatus(headers: string[]): Promise<number> {
  const { port } = new URL(broker.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)));
    const lines = [];
    for (let i = 0; i + 1 < headers.length; i += 2) lines.push(`${headers[i]}: ${headers[i + 1]}`);
    socket.end(`GET /v1/topics HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n${lines.join('\r\n')}\r\n\r\n`);
  });
}
