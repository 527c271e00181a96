/**
 * The OpenAPI document against a real broker (127.0.0.1, port 0): the served document is
 * OpenAPI 3.1 and names every route of the table (the /v1 API's and the tutorial's); every documented route, called with a
 * valid request, answers a documented status with a body its schema accepts (JSON checked
 * with the strict zod schema the document was generated from, fetch frames decoded); and
 * requests naming nothing that exists, or carrying no body, answer documented errors. The
 * broker runs with authentication on and every call is a super user's (a bearer token), so
 * the ACL routes are served too; the access matrix (access-matrix.test.ts) covers the rest.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFetchFrame, RECORD_BATCH_MEDIA_TYPE } from '@mini-kafka/protocol';
import { errorBody } from '@mini-kafka/protocol/http-responses';
import { encodeRecordBatch } from '@mini-kafka/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../../broker.js';
import { emptyCredentials, makeToken, writeCredentials } from '../../security/credential-store.js';
import type { OpenApiDocument } from './openapi-document.js';
import { COMMON_ERRORS, type HttpMethod, type Operation } from './operation.js';
import { ROUTE_TABLE } from './route-table.js';

let broker: Broker;
let document: OpenApiDocument;
let dir: string;
let token: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conformance-'));
  const admin = makeToken('User:admin', new Date());
  token = admin.token;
  const credentialsFile = join(dir, 'credentials.json');
  await writeCredentials(credentialsFile, { ...emptyCredentials(), tokens: [admin.entry] });
  broker = await createBroker({
    inMemory: true,
    port: 0,
    kafkaPort: 0,
    logLevel: 'silent',
    auth: true,
    superUsers: ['User:admin'],
    credentialsFile,
  });
  const response = await fetch(`${broker.url}/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  document = (await response.json()) as OpenApiDocument;
});
afterAll(async () => {
  await broker.close();
  await rm(dir, { recursive: true, force: true });
});

interface Request {
  params?: Record<string, string | number>;
  query?: Record<string, string | number>;
  body?: unknown;
  recordBatch?: Buffer;
  accept?: string;
}

interface Checked {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the schema check has passed; tests read fields off it.
  body: any;
}

/** The documented routes answered 2xx so far. */
const answered = new Set<string>();

function operationOf(method: HttpMethod, path: string): Operation {
  const operation = ROUTE_TABLE.find((o) => o.method === method && o.path === path);
  if (operation === undefined) throw new Error(`${method} ${path} is not in the route table`);
  return operation;
}

/** Calls a documented route and checks the answer against the document. */
async function call(method: HttpMethod, path: string, request: Request = {}): Promise<Checked> {
  const operation = operationOf(method, path);
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = request.params?.[name];
    if (value === undefined) throw new Error(`No value for {${name}} of ${path}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams(
    Object.entries(request.query ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
  );
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let body: Buffer | string | undefined;
  if (request.recordBatch !== undefined) {
    headers['content-type'] = RECORD_BATCH_MEDIA_TYPE;
    body = request.recordBatch;
  } else if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.body);
  }
  if (request.accept !== undefined) headers.accept = request.accept;
  const url = `${broker.url}${filled}${query.size > 0 ? `?${query}` : ''}`;
  const response = await fetch(url, { method: method.toUpperCase(), headers, body });
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  const where = `${method.toUpperCase()} ${path} answered ${response.status}`;

  const served = document.paths[path]?.[method];
  expect(served, `${method} ${path} in /openapi.json`).toBeDefined();
  expect(Object.keys(served!.responses), where).toContain(String(response.status));

  if (response.status >= 400) {
    expect(operation.errors[response.status] ?? COMMON_ERRORS[response.status], where).toBeDefined();
    expect(type, where).toMatch(/^application\/json/);
    const schema = operation.errorBody?.schema ?? errorBody;
    const parsed = schema.safeParse(JSON.parse(bytes.toString('utf8')));
    expect(parsed.error?.issues, where).toBeUndefined();
    return { status: response.status, body: parsed.data };
  }
  const answer = operation.answers[response.status];
  expect(answer, where).toBeDefined();
  answered.add(`${method} ${path}`);
  if (type.startsWith(RECORD_BATCH_MEDIA_TYPE)) {
    expect(answer!.recordBatch, `${where} a fetch frame`).toBe(true);
    expect(Object.keys(served!.responses[response.status]!.content ?? {})).toContain(RECORD_BATCH_MEDIA_TYPE);
    return { status: response.status, body: decodeFetchFrame(bytes) };
  }
  if (answer!.json === undefined) {
    expect(bytes.length, `${where} no body`).toBe(0);
    return { status: response.status, body: undefined };
  }
  expect(type, where).toMatch(/^application\/json/);
  // The served document names the schema the body is checked with.
  expect(served!.responses[response.status]!.content?.['application/json']?.schema).toEqual({
    $ref: `#/components/schemas/${answer!.json.name}`,
  });
  const parsed = answer!.json.schema.safeParse(JSON.parse(bytes.toString('utf8')));
  expect(parsed.error?.issues, where).toBeUndefined();
  return { status: response.status, body: parsed.data };
}

describe('/openapi.json', () => {
  it('is an OpenAPI 3.1 document with a path for every route of the table', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info.title).toBeTruthy();
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(ROUTE_TABLE.map((o) => `${o.method} ${o.path}`).sort());
    // Every reference resolves within the document.
    for (const [, name] of JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      expect(document.components.schemas[name!], name).toBeDefined();
    }
  });
});

describe('every documented route', () => {
  it('answers a valid request with a documented status and shape', async () => {
    const topic = { topic: 'orders' };
    const created = await call('post', '/v1/topics', { body: { name: 'orders', partitions: 2 } });
    expect(created.status).toBe(201);
    const validated = await call('post', '/v1/topics', { body: { name: 'planned', validateOnly: true } });
    expect(validated.status).toBe(200);
    await call('get', '/v1/topics');
    await call('get', '/v1/topics/{topic}', { params: topic });
    expect(
      (await call('post', '/v1/topics/{topic}/partitions', { params: topic, body: { partitions: 3 } })).status,
    ).toBe(200);
    await call('get', '/v1/topics/{topic}/configs', { params: topic });
    await call('patch', '/v1/topics/{topic}/configs', { params: topic, body: { set: { 'retention.ms': 3_600_000 } } });

    const produced = await call('post', '/v1/topics/{topic}/records', {
      params: topic,
      body: {
        records: [
          { key: 'k', value: 'first', partition: 0, headers: { h: 'v' } },
          { value: null, partition: 0 },
        ],
      },
    });
    expect(produced.body.records).toEqual([
      { partition: 0, offset: 0 },
      { partition: 0, offset: 1 },
    ]);
    const batch = encodeRecordBatch([
      { key: null, value: 'one', timestamp: 1_700_000_000_000 },
      { key: null, value: 'two', timestamp: 1_700_000_000_001 },
    ]);
    const partition1 = { topic: 'orders', partition: 1 };
    const binary = await call('post', '/v1/topics/{topic}/partitions/{partition}/records', {
      params: partition1,
      recordBatch: batch,
    });
    expect(binary.body).toMatchObject({ baseOffset: 0, lastOffset: 1 });

    const partition0 = { topic: 'orders', partition: 0 };
    const fetched = await call('get', '/v1/topics/{topic}/partitions/{partition}/records', {
      params: partition0,
      query: { offset: 0 },
    });
    expect(fetched.body.records.map((r: { value: string | null }) => r.value)).toEqual(['first', null]);
    const frame = await call('get', '/v1/topics/{topic}/partitions/{partition}/records', {
      params: partition1,
      query: { offset: 0 },
      accept: `${RECORD_BATCH_MEDIA_TYPE}; version=1`,
    });
    expect(frame.body.partitions[0].highWatermark).toBe(2);
    for (const timestamp of [-2, -1, 1_700_000_000_001]) {
      await call('get', '/v1/topics/{topic}/partitions/{partition}/offsets', {
        params: partition1,
        query: { timestamp },
      });
    }

    const group = { group: 'readers' };
    const joined = await call('post', '/v1/groups/{group}/members', { params: group, body: { topics: ['orders'] } });
    const member = { ...group, member: joined.body.memberId };
    const { generationId } = joined.body;
    await call('post', '/v1/groups/{group}/members/{member}/heartbeat', { params: member, body: { generationId } });
    const read = await call('get', '/v1/groups/{group}/members/{member}/records', {
      params: member,
      query: { generationId },
    });
    expect(read.body.records.length).toBe(4);
    await call('post', '/v1/groups/{group}/members/{member}/seek', {
      params: member,
      body: { topic: 'orders', partition: 0, offset: 0 },
    });
    const frames = await call('get', '/v1/groups/{group}/members/{member}/records', {
      params: member,
      accept: `${RECORD_BATCH_MEDIA_TYPE}; version=1`,
    });
    expect(frames.body.generationId).toBe(generationId);
    await call('post', '/v1/groups/{group}/offsets', {
      params: group,
      body: { memberId: member.member, generationId, offsets: [{ topic: 'orders', partition: 0, offset: 2 }] },
    });
    await call('get', '/v1/groups/{group}/offsets', { params: group, query: { topic: 'orders' } });
    await call('get', '/v1/groups', { query: { state: 'stable,empty' } });
    await call('get', '/v1/groups/{group}', { params: group });
    expect((await call('delete', '/v1/groups/{group}/members/{member}', { params: member })).status).toBe(204);
    await call('delete', '/v1/groups/{group}/offsets', { params: group, query: { topic: 'orders', partition: 0 } });
    await call('post', '/v1/groups/{group}/offsets/reset', {
      params: group,
      body: { topic: 'orders', to: 'earliest' },
    });
    expect((await call('delete', '/v1/groups/{group}', { params: group })).status).toBe(204);

    await call('post', '/v1/topics/{topic}/partitions/{partition}/delete-records', {
      params: partition1,
      body: { offset: 1 },
    });
    await call('get', '/v1/broker');
    await call('get', '/v1/cluster');
    await call('get', '/v1/brokers/{id}/configs', { params: { id: 0 } });
    await call('patch', '/v1/brokers/{id}/configs', { params: { id: 0 }, body: {} });
    await call('get', '/v1/log-dirs');
    expect((await call('post', '/v1/producers')).status).toBe(201);
    await call('post', '/v1/producers/topic-metadata', { body: { topic: 'orders' } });
    await call('get', '/v1/topics/{topic}/partitions/{partition}/producers', { params: partition0 });
    await broker.transactions.initProducerId({
      transactionalId: 'audit',
      transactionTimeoutMs: 60_000,
      producerId: -1,
      producerEpoch: -1,
    });
    await call('get', '/v1/transactions', { query: { state: 'Empty' } });
    await call('get', '/v1/transactions/{transactionalId}', { params: { transactionalId: 'audit' } });
    expect((await call('delete', '/v1/topics/{topic}', { params: topic })).status).toBe(204);

    // ACLs and who is asking.
    const acl = { principal: 'User:alice', resourceType: 'Topic', resourceName: 'orders', operation: 'Read' };
    expect((await call('post', '/v1/acls', { body: { acls: [acl] } })).status).toBe(201);
    expect((await call('get', '/v1/acls', { query: { principal: 'User:alice' } })).body.acls).toHaveLength(1);
    expect((await call('delete', '/v1/acls', { query: { principal: 'User:alice' } })).body.deleted).toHaveLength(1);
    expect((await call('get', '/v1/whoami')).body).toEqual({
      principal: 'User:admin',
      authenticated: true,
      superUser: true,
    });

    // The tutorial's routes.
    const lessons = { topic: 'lessons' };
    await call('post', '/topics/{topic}/create', { params: lessons, query: { num_partitions: 2 } });
    const sent = await call('post', '/topics/{topic}/messages', {
      params: lessons,
      body: { message: 'hello', key: 'k' },
    });
    await call('post', '/topics/{topic}/groups/{group}/subscribe', {
      params: { ...lessons, group: 'class' },
      query: { consumer_id: 'ann' },
    });
    const polled = await call('get', '/topics/{topic}/messages', {
      params: lessons,
      query: { consumer_id: 'ann', group_id: 'class' },
    });
    expect(polled.body).toEqual([{ ...sent.body, data: 'hello' }]);
    const alone = await call('get', '/topics/{topic}/messages', { params: lessons, query: { consumer_id: 'bob' } });
    expect(alone.body).toEqual({ ...sent.body, data: 'hello' });
    await call('post', '/topics/{topic}/messages/{offset}/ack', {
      params: { ...lessons, offset: sent.body.message_offset },
      query: { consumer_id: 'ann', group_id: 'class', partition_id: sent.body.partition_id },
    });

    const missing = ROUTE_TABLE.map((o) => `${o.method} ${o.path}`).filter((route) => !answered.has(route));
    expect(missing).toEqual([]);
  });

  it('answers requests naming nothing that exists, or missing their input, with documented errors', async () => {
    const absent = {
      topic: 'absent',
      partition: 0,
      group: 'absent-group',
      member: 'absent-member',
      id: 7,
      offset: 0,
      transactionalId: 'absent-txn',
    };
    let errors = 0;
    for (const operation of ROUTE_TABLE) {
      const request: Request = { params: absent };
      if (operation.body !== undefined) request.body = { unknownField: true };
      if (operation.recordBatchBody) request.recordBatch = Buffer.alloc(0);
      const { status } = await call(operation.method, operation.path, request);
      if (status >= 400) errors++;
    }
    expect(errors).toBeGreaterThan(ROUTE_TABLE.length / 2);
  });
});
