/**
 * The transaction tools over HTTP against a real broker (127.0.0.1, port 0): an open
 * transaction listed, described and holding a partition's last stable offset back, its
 * producer shown on the partition, and the same after the commit; with authentication on,
 * the list shows only the ids the caller may Describe and one it may not is 403.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../../broker.js';
import { emptyCredentials, makeToken, writeCredentials } from '../../security/credential-store.js';
import { transactionalBatch } from '../../testing/transactional-batches.js';
import { send } from '../testing/serve-app.js';

/** Opens a transaction of `transactionalId` with one record in t-`partition`, as a transactional producer would. */
async function openTransaction(broker: Broker, transactionalId: string, partition: number) {
  const producer = await broker.transactions.initProducerId({
    transactionalId,
    transactionTimeoutMs: 60_000,
    producerId: -1,
    producerEpoch: -1,
  });
  const ids = { transactionalId, producerId: producer.producerId, producerEpoch: producer.producerEpoch };
  expect(await broker.transactions.addPartitions({ ...ids, partitions: [{ topic: 't', partition }] })).toEqual({
    error: null,
  });
  await broker.logs
    .getLog('t', partition)
    .appendBatch(transactionalBatch(['in-flight'], { ...producer, baseSequence: 0 }));
  return ids;
}

describe('/v1/transactions and a partition producers', () => {
  let broker: Broker;
  const url = (path: string): string => `${broker.url}${path}`;
  beforeAll(async () => {
    broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent' });
    await broker.logs.createTopic('t', { partitions: 2 });
    await broker.logs.getLog('t', 0).append([{ value: 'before' }]);
  });
  afterAll(() => broker.close());

  it('shows an open transaction, then its commit', async () => {
    const ids = await openTransaction(broker, 'tx-a', 0);
    const listed = await send(url('/v1/transactions?state=ongoing'));
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      transactions: [{ transactionalId: 'tx-a', producerId: ids.producerId, state: 'Ongoing' }],
    });
    const described = await send(url('/v1/transactions/tx-a'));
    expect(described.body).toMatchObject({
      transactionalId: 'tx-a',
      state: 'Ongoing',
      producerId: ids.producerId,
      producerEpoch: ids.producerEpoch,
      transactionTimeoutMs: 60_000,
      partitions: [{ topic: 't', partition: 0 }],
      groups: [],
    });
    expect(described.body.transactionStartTimeMs).toBeGreaterThan(0);

    const producers = await send(url('/v1/topics/t/partitions/0/producers'));
    expect(producers.body).toEqual({
      topic: 't',
      partition: 0,
      producers: [expect.objectContaining({ producerId: ids.producerId, lastSequence: 0, currentTxnStartOffset: 1 })],
    });
    // read_committed (the default) stops before the open transaction; read_uncommitted reads it.
    const committed = await send(url('/v1/topics/t/partitions/0/records?offset=0'));
    expect(committed.body).toMatchObject({ highWatermark: 2, lastStableOffset: 1, nextOffset: 1 });
    expect(committed.body.records.map((r: { value: string }) => r.value)).toEqual(['before']);
    const uncommitted = await send(url('/v1/topics/t/partitions/0/records?offset=0&isolation=read_uncommitted'));
    expect(uncommitted.body.records.map((r: { value: string }) => r.value)).toEqual(['before', 'in-flight']);

    expect(await broker.transactions.endTxn({ ...ids, commit: true })).toEqual({ error: null });
    expect((await send(url('/v1/transactions/tx-a'))).body).toMatchObject({
      state: 'CompleteCommit',
      transactionStartTimeMs: null,
      partitions: [],
    });
    expect((await send(url('/v1/transactions?state=Ongoing'))).body).toEqual({ transactions: [] });
    const after = await send(url('/v1/topics/t/partitions/0/records?offset=0'));
    expect(after.body.records.map((r: { value: string }) => r.value)).toEqual(['before', 'in-flight']);
    expect(after.body.lastStableOffset).toBe(after.body.highWatermark);
    const [producer] = (await send(url('/v1/topics/t/partitions/0/producers'))).body.producers;
    expect(producer.currentTxnStartOffset).toBe(-1);
  });

  it('filters by producer id, and refuses a bad filter', async () => {
    const ids = await openTransaction(broker, 'tx-b', 1);
    const mine = await send(url(`/v1/transactions?producerId=${ids.producerId}`));
    expect(mine.body.transactions.map((t: { transactionalId: string }) => t.transactionalId)).toEqual(['tx-b']);
    expect((await send(url('/v1/transactions?state=Sleeping'))).status).toBe(400);
    expect((await send(url('/v1/transactions?producerId=x'))).status).toBe(400);
  });

  it('answers 404 for an unknown transactional id or partition', async () => {
    const unknown = await send(url('/v1/transactions/nobody'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ name: 'TRANSACTIONAL_ID_NOT_FOUND', code: 105 });
    expect((await send(url('/v1/topics/t/partitions/9/producers'))).status).toBe(404);
    expect((await send(url('/v1/topics/missing/partitions/0/producers'))).status).toBe(404);
  });
});

describe('the transaction routes with authentication on', () => {
  let broker: Broker;
  let dir: string;
  const tokens: Record<string, string> = {};
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely; their assertions check the shape.
  const as = async (who: string, path: string): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${broker.url}${path}`, { headers: { authorization: `Bearer ${tokens[who]}` } });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'txn-routes-'));
    const made = ['admin', 'ops'].map((who) => makeToken(`User:${who}`, new Date()));
    tokens.admin = made[0]!.token;
    tokens.ops = made[1]!.token;
    const credentialsFile = join(dir, 'credentials.json');
    await writeCredentials(credentialsFile, { ...emptyCredentials(), tokens: made.map((m) => m.entry) });
    broker = await createBroker({
      inMemory: true,
      port: 0,
      kafkaPort: -1,
      logLevel: 'silent',
      auth: true,
      superUsers: ['User:admin'],
      credentialsFile,
      authFailureDelayMs: 0,
    });
    await broker.logs.createTopic('t', { partitions: 2 });
    const binding = { principal: 'User:ops', host: '*', patternType: 'Literal', permission: 'Allow' } as const;
    await broker.security.acls.create([
      { ...binding, resourceType: 'TransactionalId', resourceName: 'visible', operation: 'Describe' },
    ]);
    await openTransaction(broker, 'visible', 0);
    await openTransaction(broker, 'hidden', 1);
  });
  afterAll(async () => {
    await broker.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists only the ids the caller may Describe, and refuses the others', async () => {
    const all = await as('admin', '/v1/transactions');
    expect(all.body.transactions.map((t: { transactionalId: string }) => t.transactionalId)).toEqual([
      'hidden',
      'visible',
    ]);
    const some = await as('ops', '/v1/transactions');
    expect(some.body.transactions.map((t: { transactionalId: string }) => t.transactionalId)).toEqual(['visible']);
    expect((await as('ops', '/v1/transactions/visible')).status).toBe(200);
    const refused = await as('ops', '/v1/transactions/hidden');
    expect(refused.status).toBe(403);
    expect(refused.body.error.name).toBe('TRANSACTIONAL_ID_AUTHORIZATION_FAILED');
    // Unknown ids are refused the same way: a refusal does not tell whether an id exists.
    expect((await as('ops', '/v1/transactions/nobody')).status).toBe(403);
    const producers = await as('ops', '/v1/topics/t/partitions/0/producers');
    expect(producers.status).toBe(403);
    expect(producers.body.error.name).toBe('TOPIC_AUTHORIZATION_FAILED');
  });
});
