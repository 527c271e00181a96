/**
 * The SDK against a real broker with security on: API tokens made with `mini-kafka tokens
 * create` (build the broker first), 401 without a valid one, ACLs managed with admin.acls and
 * enforced on the producer (binary and JSON), the consumer (long polls) and admin calls,
 * whoami, tokens made and revoked while the broker runs, https with a self-signed CA, and a
 * client certificate as the principal (mTLS). Needs the broker's HTTP security (issue 12's
 * HTTP side).
 */
import { join } from 'node:path';
import { type Broker, createBroker } from '@mini-kafka/broker';
import {
  type AclBinding,
  isAuthenticationError,
  isAuthorizationError,
  isMiniKafkaError,
  MiniKafka,
} from '@mini-kafka/client';
import { type CertificateSet, makeCertificates, TempDirs } from '@mini-kafka/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { createToken, revokeToken } from '../support/mini-kafka-cli.js';

const dirs = new TempDirs();
const noRetry = { retries: 0 };

const allow = (
  principal: string,
  resourceType: AclBinding['resourceType'],
  resourceName: string,
  operation: AclBinding['operation'],
  patternType: AclBinding['patternType'] = 'Literal',
): AclBinding => ({ principal, host: '*', resourceType, resourceName, patternType, operation, permission: 'Allow' });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('a broker with authentication on, over http', () => {
  let broker: Broker;
  let credentialsFile: string;
  let adminToken: string;
  let aliceToken: string;
  let admin: MiniKafka;
  let alice: MiniKafka;

  beforeAll(async () => {
    const dir = await dirs.make('mini-kafka-sdk-auth-');
    credentialsFile = join(dir, 'credentials.json');
    adminToken = await createToken(credentialsFile, 'User:admin');
    aliceToken = await createToken(credentialsFile, 'User:alice');
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
    admin = new MiniKafka({ url: broker.url, token: adminToken, retry: noRetry });
    alice = new MiniKafka({ url: broker.url, token: aliceToken, retry: noRetry, clientId: 'alice' });
    await admin.admin().createTopic('orders', { partitions: 2 });
    await admin.admin().createTopic('secret');
  });
  afterAll(async () => {
    await broker.close();
    await dirs.cleanup();
  });

  it('refuses a client without a token, or with an unknown one, as SASL_AUTHENTICATION_FAILED (401), tried once', async () => {
    for (const token of [undefined, `mk_0123456789abcdef_${'A'.repeat(43)}`, 'not-a-token']) {
      const client = new MiniKafka({ url: broker.url, retry: { retries: 3 }, ...(token && { token }) });
      const error = await failure(client.admin().listTopics());
      expect(isAuthenticationError(error), String(error)).toBe(true);
      expect(error).toMatchObject({ code: 58, httpStatus: 401, retriable: false });
      if (token !== undefined) expect(String((error as Error).message)).not.toContain(token);
    }
  });

  it('says who the client is', async () => {
    expect(await admin.admin().whoami()).toEqual({ principal: 'User:admin', authenticated: true, superUser: true });
    expect(await alice.admin().whoami()).toEqual({ principal: 'User:alice', authenticated: true, superUser: false });
  });

  it('creates, lists and deletes ACLs (a super user); alice may not', async () => {
    const acls = admin.admin().acls;
    const bindings = [
      allow('User:bob', 'Topic', 'audit-', 'Read', 'Prefixed'),
      allow('User:bob', 'Group', 'g', 'Read'),
    ];
    await acls.create(bindings);
    expect(await acls.list({ principal: 'User:bob' })).toEqual(expect.arrayContaining(bindings));
    expect(await acls.list({ principal: 'User:bob', resourceType: 'Topic' })).toEqual([bindings[0]]);
    expect(await acls.list({ resourceType: 'Topic', resourceName: 'audit-log', patternType: 'Match' })).toContainEqual(
      bindings[0],
    );
    expect(isAuthorizationError(await failure(alice.admin().acls.list()))).toBe(true);
    expect(
      isAuthorizationError(await failure(alice.admin().acls.create([allow('User:alice', 'Topic', '*', 'All')]))),
    ).toBe(true);
    expect(await acls.delete({ principal: 'User:bob' })).toEqual(expect.arrayContaining(bindings));
    expect(await acls.list({ principal: 'User:bob' })).toEqual([]);
  });

  it('refuses an invalid binding as INVALID_REQUEST, storing none of the batch', async () => {
    const error = await failure(
      admin.admin().acls.create([allow('User:carol', 'Topic', 'x', 'Read'), allow('carol', 'Topic', 'y', 'Read')]),
    );
    expect(isMiniKafkaError(error, 'INVALID_REQUEST'), String(error)).toBe(true);
    expect(await admin.admin().acls.list({ principal: 'User:carol' })).toEqual([]);
  });

  it('enforces ACLs on producers, consumers and admin calls, and hides what alice may not describe', async () => {
    const aliceAdmin = alice.admin();
    expect(await aliceAdmin.listTopics()).toEqual([]);
    expect(isAuthorizationError(await failure(aliceAdmin.describeTopic('orders')))).toBe(true);
    const producer = alice.producer();
    const denied = await failure(producer.send({ topic: 'orders', messages: [{ value: 'first' }] }));
    expect(isMiniKafkaError(denied, 'TOPIC_AUTHORIZATION_FAILED'), String(denied)).toBe(true);

    await admin
      .admin()
      .acls.create([
        allow('User:alice', 'Topic', 'orders', 'Write'),
        allow('User:alice', 'Topic', 'orders', 'Read'),
        allow('User:alice', 'Topic', 'orders', 'Describe'),
      ]);
    expect(await aliceAdmin.listTopics()).toEqual(['orders']);
    await producer.send({ topic: 'orders', messages: [{ value: 'first', partition: 0 }] });
    const jsonProducer = new MiniKafka({
      url: broker.url,
      token: aliceToken,
      retry: noRetry,
      transport: 'json',
    }).producer();
    await jsonProducer.send({ topic: 'orders', messages: [{ value: 'second', partition: 0 }] });
    await jsonProducer.close();
    await producer.close();

    const consumer = alice.consumer({ groupId: 'billing', maxWaitMs: 200 });
    await consumer.subscribe({ topics: ['orders'], fromBeginning: true });
    const noGroup = await failure(consumer.poll({ waitMs: 200 }));
    expect(isMiniKafkaError(noGroup, 'GROUP_AUTHORIZATION_FAILED'), String(noGroup)).toBe(true);
    await consumer.close().catch(() => undefined);

    await admin.admin().acls.create([allow('User:alice', 'Group', 'billing', 'Read')]);
    const member = alice.consumer({ groupId: 'billing', maxWaitMs: 500 });
    await member.subscribe({ topics: ['orders'], fromBeginning: true });
    const values: string[] = [];
    await eventually(
      async () => {
        for (const record of await member.poll({ waitMs: 500 })) values.push(String(record.value));
        return values.length >= 2;
      },
      10_000,
      'alice reading orders',
    );
    expect(values).toEqual(['first', 'second']);
    await member.close();

    expect(isAuthorizationError(await failure(aliceAdmin.deleteTopic('orders')))).toBe(true);
    expect(isAuthorizationError(await failure(aliceAdmin.createTopic('alice-own')))).toBe(true);
  });

  it('accepts a token made while it runs, and refuses it once revoked, within a few seconds', async () => {
    const token = await createToken(credentialsFile, 'User:dave');
    const dave = new MiniKafka({ url: broker.url, token, retry: noRetry }).admin();
    const me = await eventually(() => dave.whoami().catch(() => undefined), 5_000, 'the broker to read the new token');
    expect(me).toMatchObject({ principal: 'User:dave', authenticated: true });
    await revokeToken(credentialsFile, token);
    await eventually(
      async () => isAuthenticationError(await failure(dave.whoami())),
      5_000,
      'the broker to refuse the revoked token',
    );
  });
});

describe('a broker with authentication off', () => {
  it('answers the ACL methods with SECURITY_DISABLED and whoami with User:ANONYMOUS, token or not', async () => {
    const broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent' });
    try {
      const admin = new MiniKafka({ url: broker.url, token: `mk_0123456789abcdef_${'A'.repeat(43)}` }).admin();
      expect(isMiniKafkaError(await failure(admin.acls.list()), 'SECURITY_DISABLED')).toBe(true);
      expect(await admin.whoami()).toMatchObject({ principal: 'User:ANONYMOUS' });
      expect(await admin.listTopics()).toEqual([]);
    } finally {
      await broker.close();
    }
  });
});

describe('a broker with a certificate (https)', () => {
  let certificates: CertificateSet;
  let broker: Broker;
  let url: string;
  let adminToken: string;

  beforeAll(async () => {
    const dir = await dirs.make('mini-kafka-sdk-tls-');
    certificates = await makeCertificates(dir, ['alice']);
    const credentialsFile = join(dir, 'credentials.json');
    adminToken = await createToken(credentialsFile, 'User:admin');
    broker = await createBroker({
      inMemory: true,
      port: 0,
      kafkaPort: -1,
      logLevel: 'silent',
      auth: true,
      credentialsFile,
      superUsers: ['User:admin'],
      authFailureDelayMs: 0,
      tlsCertFile: certificates.server.certFile,
      tlsKeyFile: certificates.server.keyFile,
      tlsCaFile: certificates.ca.certFile,
      tlsClientAuth: 'requested',
    });
    url = broker.url.replace(/^http:/, 'https:');
  });
  afterAll(async () => {
    await broker.close();
    await dirs.cleanup();
  });

  it('serves https to a client that trusts its CA, and not to one that does not', async () => {
    const admin = new MiniKafka({ url, token: adminToken, ca: certificates.ca.cert, retry: noRetry }).admin();
    await admin.createTopic('tls-topic');
    expect(await admin.listTopics()).toEqual(['tls-topic']);
    const untrusting = new MiniKafka({ url, token: adminToken, retry: noRetry }).admin();
    expect(isMiniKafkaError(await failure(untrusting.listTopics()), 'BROKER_NOT_AVAILABLE')).toBe(true);
  });

  it('takes a client certificate for its principal (mTLS), without a token', async () => {
    const alice = certificates.clients.alice!;
    const client = new MiniKafka({
      url,
      ca: certificates.ca.cert,
      cert: alice.cert,
      key: alice.key,
      retry: noRetry,
    });
    expect(await client.admin().whoami()).toMatchObject({ principal: 'User:alice', authenticated: true });
  });
});
