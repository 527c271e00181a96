/**
 * Real clients against the Kafka listener with authentication on: kcat (librdkafka) over
 * SASL_PLAINTEXT with each mechanism, SASL_SSL and SSL with a client certificate;
 * python3-confluent-kafka over SASL_SSL with SCRAM-SHA-512; kafkajs with each `sasl`
 * mechanism over `ssl` (the test CA) and with a client certificate. A wrong password fails
 * cleanly and the broker serves the next client. Records go in and come back out over
 * Kafka only. `alice` is a super user, so what these prove is authentication (ACLs are
 * tested on their own).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type BrokerOptions, emptyCredentials, withUser, writeCredentials } from '@mini-kafka/broker';
import { makeTestCertificates, TempDirs, type TestCertificates } from '@mini-kafka/testing';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { kcat, kcatSkipReason } from '../support/kcat.js';
import { confluentSkipReason, PYTHON } from '../support/python-programs.js';

const PASSWORD = 'alice-secret-password';
const brokers = new Brokers();
const dirs = new TempDirs();
let certs: TestCertificates;
let credentialsFile: string;

beforeAll(async () => {
  const dir = await dirs.make('mini-kafka-e2e-security-');
  certs = await makeTestCertificates(dir);
  credentialsFile = join(dir, 'credentials.json');
  await writeCredentials(credentialsFile, await withUser(emptyCredentials(), 'alice', PASSWORD));
});
afterEach(() => brokers.cleanup());
afterAll(() => dirs.cleanup());

type Protocol = 'SASL_PLAINTEXT' | 'SASL_SSL' | 'SSL';

async function start(protocol: Protocol, options: BrokerOptions = {}): Promise<string> {
  const tls =
    protocol === 'SASL_PLAINTEXT'
      ? {}
      : { tlsCertFile: certs.server, tlsKeyFile: certs.serverKey, tlsCaFile: certs.ca };
  const broker = await brokers.start({
    auth: true,
    credentialsFile,
    superUsers: ['User:alice'],
    kafkaSecurityProtocol: protocol,
    authFailureDelayMs: 0,
    ...tls,
    ...options,
  });
  return broker.kafkaBootstrap!;
}

/** librdkafka settings for a protocol, mechanism and password. */
function rdkafkaSettings(protocol: Protocol, mechanism?: string, password = PASSWORD): Record<string, string> {
  return {
    'security.protocol': protocol,
    ...(mechanism === undefined
      ? {}
      : { 'sasl.mechanisms': mechanism, 'sasl.username': 'alice', 'sasl.password': password }),
    ...(protocol === 'SASL_PLAINTEXT' ? {} : { 'ssl.ca.location': certs.ca }),
    ...(protocol === 'SSL' ? { 'ssl.certificate.location': certs.client, 'ssl.key.location': certs.clientKey } : {}),
  };
}

const kcatArgs = (settings: Record<string, string>): string[] =>
  Object.entries(settings).flatMap(([key, value]) => ['-X', `${key}=${value}`]);

/** Produces three lines with kcat and reads them back with kcat. */
async function kcatRoundTrip(bootstrap: string, settings: Record<string, string>, topic: string): Promise<void> {
  const produced = await kcat(['-b', bootstrap, ...kcatArgs(settings), '-P', '-t', topic], 'one\ntwo\nthree\n');
  expect(produced.code, produced.stderr).toBe(0);
  const consumed = await kcat(['-b', bootstrap, ...kcatArgs(settings), '-C', '-t', topic, '-o', 'beginning', '-e']);
  expect(consumed.code, consumed.stderr).toBe(0);
  expect(consumed.stdout.trim().split('\n')).toEqual(['one', 'two', 'three']);
}

describe.skipIf(kcatSkipReason !== undefined)('kcat (librdkafka) with authentication', () => {
  it.each(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'])('SASL_PLAINTEXT %s: produce and consume', async (mechanism) => {
    const bootstrap = await start('SASL_PLAINTEXT');
    await kcatRoundTrip(bootstrap, rdkafkaSettings('SASL_PLAINTEXT', mechanism), `sasl-${mechanism.toLowerCase()}`);
  });

  it('SASL_SSL SCRAM-SHA-512: produce and consume over TLS', async () => {
    const bootstrap = await start('SASL_SSL');
    await kcatRoundTrip(bootstrap, rdkafkaSettings('SASL_SSL', 'SCRAM-SHA-512'), 'sasl-ssl');
  });

  it('SSL with a client certificate (mTLS): produce and consume; without one it cannot connect', async () => {
    const bootstrap = await start('SSL');
    await kcatRoundTrip(bootstrap, rdkafkaSettings('SSL'), 'mtls');
    const anonymous = await kcat([
      '-b',
      bootstrap,
      '-X',
      'security.protocol=SSL',
      '-X',
      `ssl.ca.location=${certs.ca}`,
      '-L',
      '-m',
      '3',
    ]);
    expect(anonymous.code).not.toBe(0);
  });

  it.each(['PLAIN', 'SCRAM-SHA-256'])(
    'a wrong %s password fails cleanly, and the broker serves the next client',
    async (mechanism) => {
      const bootstrap = await start('SASL_PLAINTEXT');
      const refused = await kcat([
        '-b',
        bootstrap,
        ...kcatArgs(rdkafkaSettings('SASL_PLAINTEXT', mechanism, 'wrong-password')),
        '-L',
        '-m',
        '3',
      ]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/Authentication failed/);
      expect(refused.stderr).not.toContain('wrong-password');
      const listed = await kcat(['-b', bootstrap, ...kcatArgs(rdkafkaSettings('SASL_PLAINTEXT', mechanism)), '-L']);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toContain('broker 0 at');
    },
  );
});

describe.skipIf(kcatSkipReason !== undefined)('the broker binary with authentication flags', () => {
  it('serves SASL_SSL from its flags; its log names the client, mechanism and user, never a password', async () => {
    const { kafkaBootstrap, child } = await brokers.spawn(await brokers.dataDir(), [
      '--auth',
      '--credentials-file',
      credentialsFile,
      '--super-users',
      'User:alice',
      '--kafka-security-protocol',
      'SASL_SSL',
      '--tls-cert-file',
      certs.server,
      '--tls-key-file',
      certs.serverKey,
      '--tls-ca-file',
      certs.ca,
      '--auth-failure-delay-ms',
      '0',
      '--log-level',
      'debug',
    ]);
    const lines: string[] = [];
    child.stdout!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    await kcatRoundTrip(kafkaBootstrap, rdkafkaSettings('SASL_SSL', 'SCRAM-SHA-256'), 'binary-sasl-ssl');
    const refused = await kcat([
      '-b',
      kafkaBootstrap,
      ...kcatArgs(rdkafkaSettings('SASL_SSL', 'PLAIN', 'wrong-password')),
      '-L',
      '-m',
      '2',
    ]);
    expect(refused.code).not.toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const log = lines.join('');
    expect(log).toContain('"msg":"kafka client authenticated"');
    expect(log).toMatch(/"mechanism":"PLAIN","user":"alice".*"msg":"kafka authentication failed"/);
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain('wrong-password');
  });
});

const CONFLUENT_ROUND_TRIP = `
import json, sys
from confluent_kafka import Consumer, Producer
conf = json.loads(sys.argv[1])
producer = Producer(conf)
for value in ["a", "b", "c"]:
    producer.produce("python-sasl-ssl", value.encode())
left = producer.flush(20)
consumer = Consumer(dict(conf, **{"group.id": "python-sasl-ssl", "auto.offset.reset": "earliest"}))
consumer.subscribe(["python-sasl-ssl"])
values = []
for _ in range(60):
    message = consumer.poll(0.5)
    if message is None:
        if len(values) >= 3:
            break
        continue
    if message.error():
        print(json.dumps({"error": str(message.error())}))
        sys.exit(1)
    values.append(message.value().decode())
    if len(values) >= 3:
        break
consumer.close()
print(json.dumps({"unsent": left, "values": values}))
`;

describe.skipIf(confluentSkipReason !== undefined)('python3-confluent-kafka with authentication', () => {
  it('SASL_SSL SCRAM-SHA-512: produce, then consume in a group', async () => {
    const bootstrap = await start('SASL_SSL');
    const conf = { 'bootstrap.servers': bootstrap, ...rdkafkaSettings('SASL_SSL', 'SCRAM-SHA-512') };
    const { stdout } = await promisify(execFile)(PYTHON, ['-c', CONFLUENT_ROUND_TRIP, JSON.stringify(conf)], {
      timeout: 60_000,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ unsent: 0, values: ['a', 'b', 'c'] });
  }, 90_000);
});

describe('kafkajs with authentication', () => {
  const kafka = async (bootstrap: string, sasl?: SASLOptions, certificate = false) =>
    new Kafka({
      clientId: 'e2e-security',
      brokers: [bootstrap],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      ssl: {
        ca: [await readFile(certs.ca)],
        ...(certificate ? { cert: await readFile(certs.client), key: await readFile(certs.clientKey) } : {}),
      },
      ...(sasl === undefined ? {} : { sasl }),
    });

  /** Sends three records and reads the partition's end offset back. */
  async function produceAndCount(client: Kafka, topic: string): Promise<string> {
    const admin = client.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    const producer = client.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'x' }, { value: 'y' }, { value: 'z' }] });
    await producer.disconnect();
    const [offsets] = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    return offsets!.high;
  }

  it.each([
    ['plain', { mechanism: 'plain', username: 'alice', password: PASSWORD }],
    ['scram-sha-256', { mechanism: 'scram-sha-256', username: 'alice', password: PASSWORD }],
    ['scram-sha-512', { mechanism: 'scram-sha-512', username: 'alice', password: PASSWORD }],
  ] as const)('SASL_SSL %s: admin and producer', async (name, sasl) => {
    const bootstrap = await start('SASL_SSL');
    expect(await produceAndCount(await kafka(bootstrap, sasl), `kafkajs-${name}`)).toBe('3');
  });

  it('SSL with a client certificate: admin and producer', async () => {
    const bootstrap = await start('SSL');
    expect(await produceAndCount(await kafka(bootstrap, undefined, true), 'kafkajs-mtls')).toBe('3');
  });

  it('a wrong password is a SASL authentication error, and the broker serves the next client', async () => {
    const bootstrap = await start('SASL_SSL');
    const admin = (
      await kafka(bootstrap, { mechanism: 'scram-sha-512', username: 'alice', password: 'wrong-password' })
    ).admin();
    await expect(admin.connect()).rejects.toThrow(/SASL SCRAM SHA512 authentication failed|Authentication failed/);
    const good = (
      await kafka(bootstrap, { mechanism: 'scram-sha-512', username: 'alice', password: PASSWORD })
    ).admin();
    await good.connect();
    expect(await good.listTopics()).toEqual([]);
    await good.disconnect();
  });
});
