// SASL on a real Kafka listener, over real sockets: what is served before authentication,
// SaslHandshake v1 + SaslAuthenticate and v0 + bare tokens for every mechanism, the session
// each request then carries, failures (answered, paused, closed, logged without secrets),
// hostile frames, and SaslHandshake where SASL is not spoken.
import { join } from 'node:path';
import {
  ApiVersions,
  DescribeCluster,
  decodeResponseFrame,
  encodeRequestFrame,
  Metadata,
  SaslAuthenticate,
  SaslHandshake,
} from '@mini-kafka/kafka-protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrokerConfigInput } from '../config/broker-config.js';
import { emptyCredentials, withUser, writeCredentials } from '../security/credential-store.js';
import { SCRAM_MECHANISMS } from '../security/scram-credential.js';
import { ScramClient } from '../security/testing/scram-client.js';
import { recordingLogger } from '../testing/recording-logger.js';
import { defineHandler, HandlerRegistry } from './handler-registry.js';
import { apiVersionsHandler } from './handlers/api-versions.js';
import { metadataHandler } from './handlers/metadata.js';
import { saslAuthenticateHandler } from './handlers/sasl-authenticate.js';
import { saslHandshakeHandler } from './handlers/sasl-handshake.js';
import { MAX_UNAUTHENTICATED_FRAME_BYTES } from './kafka-connection.js';
import { type KafkaListener, startKafkaListener } from './kafka-listener.js';
import { handlerContext, type TestHandlerContext } from './testing/handler-context.js';
import { WireClient } from './testing/wire-client.js';

const PASSWORD = 'alice-secret-password';
const dirs = new TempDirs();
let credentialsFile: string;

beforeAll(async () => {
  credentialsFile = join(await dirs.make('mini-kafka-sasl-'), 'credentials.json');
  await writeCredentials(credentialsFile, await withUser(emptyCredentials(), 'alice', PASSWORD));
});
afterAll(() => dirs.cleanup());

/** DescribeCluster answering with the principal of the connection that asks, in clusterId. */
const whoAmI = defineHandler({
  codec: DescribeCluster,
  minVersion: 0,
  maxVersion: 1,
  handle: async (_request, source) => ({
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: null,
    clusterId: source.session.principal,
    controllerId: 0,
    brokers: [],
  }),
});

function registry(): HandlerRegistry {
  const handlers = new HandlerRegistry()
    .register(metadataHandler)
    .register(whoAmI)
    .register(saslHandshakeHandler)
    .register(saslAuthenticateHandler);
  return handlers.register(apiVersionsHandler(handlers));
}

let ctx: TestHandlerContext | undefined;
let listener: KafkaListener | undefined;
let logLines: Record<string, unknown>[] = [];
const clients: WireClient[] = [];

async function start(config: BrokerConfigInput = {}): Promise<void> {
  const { logger, lines } = recordingLogger('debug');
  logLines = lines;
  const context = await handlerContext({
    config: { auth: true, credentialsFile, superUsers: ['User:alice'], authFailureDelayMs: 0, ...config },
    logger,
  });
  ctx = context;
  listener = await startKafkaListener(
    '127.0.0.1',
    0,
    async () => registry(),
    () => context,
    {
      maxFrameBytes: 1 << 20,
      connectionsMaxIdleMs: -1,
      requestReadTimeoutMs: -1,
    },
  );
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await listener?.stop();
  await ctx?.close();
  listener = undefined;
  ctx = undefined;
});

async function connect(): Promise<WireClient> {
  const client = await WireClient.connect(listener!.port);
  clients.push(client);
  return client;
}

const header = (correlationId: number) => ({ correlationId, clientId: 'sasl-test' });
const handshake = (mechanism: string, version = 1) =>
  encodeRequestFrame(SaslHandshake, version, header(1), { mechanism });
const authenticate = (authBytes: Buffer, version = 2) =>
  encodeRequestFrame(SaslAuthenticate, version, header(2), { authBytes });
const whoAmIRequest = () =>
  encodeRequestFrame(DescribeCluster, 0, header(3), { includeClusterAuthorizedOperations: false });
const metadata = () => encodeRequestFrame(Metadata, 4, header(4), { topics: [], allowAutoTopicCreation: false });

/** A bare size-prefixed frame, as SASL tokens travel after a v0 handshake. */
function bare(token: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(token.length, 0);
  return Buffer.concat([size, token]);
}

async function principalOf(client: WireClient): Promise<string> {
  client.send(whoAmIRequest());
  return decodeResponseFrame(DescribeCluster, 0, await client.next()).response.clusterId;
}

async function handshakeOk(client: WireClient, mechanism: string, version = 1): Promise<void> {
  client.send(handshake(mechanism, version));
  const answer = decodeResponseFrame(SaslHandshake, version, await client.next()).response;
  expect(answer).toEqual({ errorCode: 0, mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] });
}

async function authenticateStep(client: WireClient, token: Buffer, version = 2) {
  client.send(authenticate(token, version));
  return decodeResponseFrame(SaslAuthenticate, version, await client.next()).response;
}

const plainToken = (user: string, password: string): Buffer => Buffer.from(`\0${user}\0${password}`);

describe('SASL on the Kafka listener', () => {
  it('serves ApiVersions before authentication, listing SaslHandshake and SaslAuthenticate, and closes on anything else', async () => {
    await start();
    const client = await connect();
    client.send(encodeRequestFrame(ApiVersions, 0, header(1), {}));
    const keys = decodeResponseFrame(ApiVersions, 0, await client.next()).response.apiKeys.map((k) => k.apiKey);
    expect(keys).toEqual(expect.arrayContaining([17, 36]));
    client.send(metadata());
    await client.closed;
    expect(logLines.filter((line) => line.msg === 'kafka connection closed')).toEqual([
      expect.objectContaining({ reason: 'Metadata before SASL authentication completed' }),
    ]);
  });

  it.each([0, 1, 2])('PLAIN over SaslAuthenticate v%i: the connection becomes User:alice', async (version) => {
    await start();
    const client = await connect();
    await handshakeOk(client, 'PLAIN');
    const answer = await authenticateStep(client, plainToken('alice', PASSWORD), version);
    expect(answer).toMatchObject({ errorCode: 0, errorMessage: null, sessionLifetimeMs: 0 });
    expect(await principalOf(client)).toBe('User:alice');
    client.send(metadata());
    expect(decodeResponseFrame(Metadata, 4, await client.next()).response.brokers).toHaveLength(1);
    expect(logLines).toContainEqual(
      expect.objectContaining({ msg: 'kafka client authenticated', mechanism: 'PLAIN', user: 'alice' }),
    );
  });

  it.each(SCRAM_MECHANISMS)(
    '%s over SaslAuthenticate: challenge, final, verified server, User:alice',
    async (mechanism) => {
      await start();
      const client = await connect();
      await handshakeOk(client, mechanism);
      const scram = new ScramClient(mechanism, 'alice', PASSWORD);
      const first = await authenticateStep(client, scram.clientFirst());
      expect(first.errorCode).toBe(0);
      const final = await authenticateStep(client, await scram.clientFinal(first.authBytes));
      expect(final.errorCode).toBe(0);
      expect(scram.verifies(final.authBytes)).toBe(true);
      expect(await principalOf(client)).toBe('User:alice');
      const counted = await ctx!.metrics.registry.getSingleMetric('mini_kafka_authentications_total')!.get();
      expect(counted.values).toContainEqual(
        expect.objectContaining({ labels: { listener: 'kafka', mechanism, outcome: 'succeeded' }, value: 1 }),
      );
    },
  );

  it('speaks SaslHandshake v0 with bare tokens (PLAIN and SCRAM-SHA-256)', async () => {
    await start();
    const plain = await connect();
    await handshakeOk(plain, 'PLAIN', 0);
    plain.send(bare(plainToken('alice', PASSWORD)));
    expect(await plain.next()).toEqual(Buffer.alloc(0));
    expect(await principalOf(plain)).toBe('User:alice');

    const scram = await connect();
    await handshakeOk(scram, 'SCRAM-SHA-256', 0);
    const client = new ScramClient('SCRAM-SHA-256', 'alice', PASSWORD);
    scram.send(bare(client.clientFirst()));
    scram.send(bare(await client.clientFinal(await scram.next())));
    expect(client.verifies(await scram.next())).toBe(true);
    expect(await principalOf(scram)).toBe('User:alice');
  });

  it('closes without an answer when a bare token (after a v0 handshake) fails, as Kafka does', async () => {
    await start();
    const client = await connect();
    await handshakeOk(client, 'PLAIN', 0);
    client.send(bare(plainToken('alice', 'not-the-password')));
    await client.closed;
    expect(client.unread).toBe(0);
    expect(logLines).toContainEqual(expect.objectContaining({ msg: 'kafka authentication failed', user: 'alice' }));
  });

  it('answers a wrong password with SASL_AUTHENTICATION_FAILED after the pause, then closes; nothing secret is logged or sent', async () => {
    await start({ authFailureDelayMs: 50 });
    const client = await connect();
    await handshakeOk(client, 'PLAIN');
    const started = Date.now();
    const answer = await authenticateStep(client, plainToken('alice', 'not-the-password'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
    expect(answer.errorCode).toBe(58);
    expect(answer.errorMessage).toBe(
      'Authentication failed during authentication due to invalid credentials with SASL mechanism PLAIN',
    );
    await client.closed;
    const failure = logLines.find((line) => line.msg === 'kafka authentication failed');
    expect(failure).toMatchObject({ client: '127.0.0.1', mechanism: 'PLAIN', user: 'alice' });
    expect(JSON.stringify(logLines)).not.toContain('not-the-password');
    const after = await connect();
    await handshakeOk(after, 'PLAIN');
    expect((await authenticateStep(after, plainToken('alice', PASSWORD))).errorCode).toBe(0);
  });

  it('refuses a mechanism not enabled with UNSUPPORTED_SASL_MECHANISM and the enabled list, then closes', async () => {
    await start({ saslMechanisms: ['SCRAM-SHA-512'] });
    const client = await connect();
    client.send(handshake('PLAIN'));
    expect(decodeResponseFrame(SaslHandshake, 1, await client.next()).response).toEqual({
      errorCode: 33,
      mechanisms: ['SCRAM-SHA-512'],
    });
    await client.closed;
  });

  it('closes on requests out of order: SaslAuthenticate first, or a second handshake', async () => {
    await start();
    const early = await connect();
    early.send(authenticate(plainToken('alice', PASSWORD)));
    await early.closed;
    const twice = await connect();
    await handshakeOk(twice, 'PLAIN');
    twice.send(handshake('PLAIN'));
    await twice.closed;
  });

  it('answers SaslHandshake and SaslAuthenticate after authentication with ILLEGAL_SASL_STATE', async () => {
    await start();
    const client = await connect();
    await handshakeOk(client, 'PLAIN');
    await authenticateStep(client, plainToken('alice', PASSWORD));
    client.send(handshake('PLAIN'));
    expect(decodeResponseFrame(SaslHandshake, 1, await client.next()).response.errorCode).toBe(34);
    const again = await authenticateStep(client, plainToken('alice', PASSWORD));
    expect(again.errorCode).toBe(34);
    expect(await principalOf(client)).toBe('User:alice');
  });

  it('closes on hostile input and keeps serving: oversized tokens, garbage SCRAM, a replayed client-final, a truncated frame', async () => {
    await start();
    const oversized = await connect();
    await handshakeOk(oversized, 'PLAIN');
    oversized.send(authenticate(Buffer.alloc(MAX_UNAUTHENTICATED_FRAME_BYTES + 1)));
    await oversized.closed;

    const garbage = await connect();
    await handshakeOk(garbage, 'SCRAM-SHA-512');
    const refused = await authenticateStep(garbage, Buffer.from([0xff, 0x00, 0x2c, 0x3d]));
    expect(refused.errorCode).toBe(58);
    await garbage.closed;

    const first = await connect();
    await handshakeOk(first, 'SCRAM-SHA-256');
    const scram = new ScramClient('SCRAM-SHA-256', 'alice', PASSWORD);
    const challenge = await authenticateStep(first, scram.clientFirst());
    const final = await scram.clientFinal(challenge.authBytes);
    expect((await authenticateStep(first, final)).errorCode).toBe(0);
    const replay = await connect();
    await handshakeOk(replay, 'SCRAM-SHA-256');
    await authenticateStep(replay, scram.clientFirst());
    expect((await authenticateStep(replay, final)).errorMessage).toMatch(/nonce/);
    await replay.closed;

    const truncated = await connect();
    await handshakeOk(truncated, 'PLAIN', 0);
    truncated.send(Buffer.from([0, 0, 0, 40, 0, 0x61]));
    truncated.close();

    const healthy = await connect();
    await handshakeOk(healthy, 'PLAIN');
    expect((await authenticateStep(healthy, plainToken('alice', PASSWORD))).errorCode).toBe(0);
  });

  it('closes a connection whose SASL step faults (the credentials cannot be read), and carries on', async () => {
    await start();
    const store = ctx!.security.credentials;
    // Fault injection: a credentials source that fails to read.
    const broken = Object.create(store) as typeof store;
    broken.refresh = () => Promise.reject(new Error('EIO: credentials unreadable'));
    ctx!.security.credentials = broken;
    const faulty = await connect();
    await handshakeOk(faulty, 'SCRAM-SHA-256');
    faulty.send(authenticate(new ScramClient('SCRAM-SHA-256', 'alice', PASSWORD).clientFirst()));
    await faulty.closed;
    expect(logLines).toContainEqual(expect.objectContaining({ msg: 'kafka SASL step failed', client: '127.0.0.1' }));
    ctx!.security.credentials = store;
    const healthy = await connect();
    await handshakeOk(healthy, 'PLAIN');
    expect((await authenticateStep(healthy, plainToken('alice', PASSWORD))).errorCode).toBe(0);
  });

  it('answers SaslHandshake with ILLEGAL_SASL_STATE on a PLAINTEXT listener, whose clients are User:ANONYMOUS', async () => {
    await start({ kafkaSecurityProtocol: 'PLAINTEXT' });
    const client = await connect();
    client.send(handshake('PLAIN'));
    expect(decodeResponseFrame(SaslHandshake, 1, await client.next()).response).toEqual({
      errorCode: 34,
      mechanisms: [],
    });
    expect(await principalOf(client)).toBe('User:ANONYMOUS');
  });
});
