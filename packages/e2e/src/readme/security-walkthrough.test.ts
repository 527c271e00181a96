/**
 * The README's Security section, followed as a user would: the three commands (a user made
 * with `mini-kafka users add`, a certificate made with the openssl command the README shows,
 * the broker binary started with --auth, --super-users and the certificate), then kcat over
 * SASL_SSL with SCRAM-SHA-512 as the admin, an API token and ACLs made with the CLI, kafkajs
 * logging in as alice over TLS and doing exactly what her ACLs allow, and the SDK over HTTPS
 * with the token. Nothing of the passwords or the token shows in the broker's log.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MiniKafka } from '@mini-kafka/client';
import { TempDirs } from '@mini-kafka/testing';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { kcat, kcatSkipReason } from '../support/kcat.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../../apps/broker/bin/mini-kafka.js', import.meta.url));
const ADMIN_PASSWORD = 'a long passphrase';
const ALICE_PASSWORD = 'alice passphrase 7';

const brokers = new Brokers();
const dirs = new TempDirs();
afterAll(async () => {
  await brokers.cleanup();
  await dirs.cleanup();
});

/** Runs `mini-kafka <args>` in `cwd`, `input` on stdin. */
async function miniKafka(cwd: string, args: string[], input = '', env: NodeJS.ProcessEnv = {}): Promise<string> {
  const child = run(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env } });
  child.child.stdin?.end(input);
  return (await child).stdout;
}

describe.skipIf(kcatSkipReason !== undefined)("the README's Security section", () => {
  it('turns on SCRAM, TLS and ACLs in three commands; kcat, kafkajs and the SDK connect', async () => {
    const dir = await dirs.make('mini-kafka-e2e-walkthrough-');
    const dataDir = join(dir, 'data');
    // 1. a user
    await miniKafka(dir, ['users', 'add', 'admin', '--password-stdin', '--data-dir', dataDir], `${ADMIN_PASSWORD}\n`);
    // 2. a certificate, exactly as the README makes it
    await run(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '365',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
      ],
      { cwd: dir },
    );
    // 3. serve (on 127.0.0.1 here: tests listen on loopback only)
    const broker = await brokers.spawn(dataDir, [
      '--auth',
      '--super-users',
      'User:admin',
      '--tls-cert-file',
      join(dir, 'cert.pem'),
      '--tls-key-file',
      join(dir, 'key.pem'),
    ]);
    const log: string[] = [];
    broker.child.stdout!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    expect(broker.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

    const listed = await kcat([
      '-b',
      broker.kafkaBootstrap,
      ...['-X', 'security.protocol=SASL_SSL', '-X', 'sasl.mechanisms=SCRAM-SHA-512'],
      ...['-X', 'sasl.username=admin', '-X', `sasl.password=${ADMIN_PASSWORD}`],
      ...['-X', `ssl.ca.location=${join(dir, 'cert.pem')}`, '-L'],
    ]);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toContain('1 brokers:');

    const client = { MINI_KAFKA_URL: broker.url, MINI_KAFKA_CA_FILE: join(dir, 'cert.pem') };
    const token = (
      await miniKafka(dir, ['tokens', 'create', '--principal', 'User:admin', '--data-dir', dataDir])
    ).trim();
    const asAdmin = { ...client, MINI_KAFKA_TOKEN: token };
    await miniKafka(dir, ['users', 'add', 'alice', '--data-dir', dataDir], `${ALICE_PASSWORD}\n`);
    await miniKafka(dir, ['topics', 'create', 'orders'], '', asAdmin);
    await miniKafka(dir, ['topics', 'create', 'payments'], '', asAdmin);
    const aclFlags = ['--principal', 'User:alice', '--operation', 'Read', '--operation', 'Write'];
    await miniKafka(dir, ['acls', 'add', ...aclFlags, '--topic', 'orders'], '', asAdmin);
    await miniKafka(
      dir,
      ['acls', 'add', '--principal', 'User:alice', '--operation', 'Read', '--group', 'billing'],
      '',
      asAdmin,
    );
    expect(await miniKafka(dir, ['whoami'], '', asAdmin)).toMatch(/User:admin/);

    // alice, through kafkajs over TLS: what her ACLs allow, and nothing else.
    const kafka = new Kafka({
      clientId: 'walkthrough',
      brokers: [broker.kafkaBootstrap],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      ssl: { ca: [readFileSync(join(dir, 'cert.pem'))] },
      sasl: { mechanism: 'scram-sha-512', username: 'alice', password: ALICE_PASSWORD },
    });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await producer.send({ topic: 'orders', messages: [{ key: 'customer-7', value: 'first order' }] });
    const refused = (await producer.send({ topic: 'payments', messages: [{ value: 'no' }] }).catch((e) => e)) as {
      cause?: { type?: string };
    };
    // kafkajs wraps a non-retriable Kafka error; the broker's code is its cause.
    expect(refused.cause?.type).toBe('TOPIC_AUTHORIZATION_FAILED');
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: 'billing' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'orders', fromBeginning: true });
    const received = new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) });
    });
    expect(await received).toBe('first order');
    await consumer.disconnect();

    // The SDK over HTTPS with the admin's token; without it, 401.
    const sdk = new MiniKafka({ url: broker.url, token, ca: readFileSync(join(dir, 'cert.pem')) });
    const reader = sdk.partitionReader();
    const { records } = await reader.read('orders', 0, 0, { maxRecords: 10 });
    expect(records.map((record) => record.value?.toString())).toEqual(['first order']);
    expect(await sdk.admin().whoami()).toMatchObject({ principal: 'User:admin', superUser: true });
    const anonymous = new MiniKafka({ url: broker.url, ca: readFileSync(join(dir, 'cert.pem')) });
    await expect(anonymous.admin().listTopics()).rejects.toMatchObject({ type: 'SASL_AUTHENTICATION_FAILED' });

    const logged = log.join('');
    for (const secret of [ADMIN_PASSWORD, ALICE_PASSWORD, token, token.split('_')[2]!]) {
      expect(logged).not.toContain(secret);
    }
  }, 120_000);
});
