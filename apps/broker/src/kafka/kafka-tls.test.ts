// TLS on a real Kafka listener: SSL with client certificates as principals (CN and DN),
// SASL_SSL, and what must not hurt the broker: a client without a certificate, plaintext
// bytes on the TLS port, a handshake that never comes, an old TLS version.
import { readFile } from 'node:fs/promises';
import { connect as connectTcp } from 'node:net';
import {
  DescribeCluster,
  decodeResponseFrame,
  encodeRequestFrame,
  SaslAuthenticate,
  SaslHandshake,
} from '@mini-kafka/kafka-protocol';
import { makeTestCertificates, TempDirs, type TestCertificates } from '@mini-kafka/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrokerConfigInput } from '../config/broker-config.js';
import { emptyCredentials, withUser, writeCredentials } from '../security/credential-store.js';
import { ScramClient } from '../security/testing/scram-client.js';
import { recordingLogger } from '../testing/recording-logger.js';
import { defineHandler, HandlerRegistry } from './handler-registry.js';
import { apiVersionsHandler } from './handlers/api-versions.js';
import { saslAuthenticateHandler } from './handlers/sasl-authenticate.js';
import { saslHandshakeHandler } from './handlers/sasl-handshake.js';
import { type KafkaListener, startKafkaListener } from './kafka-listener.js';
import { handlerContext, type TestHandlerContext } from './testing/handler-context.js';
import { WireClient } from './testing/wire-client.js';

const PASSWORD = 'alice-secret-password';
const dirs = new TempDirs();
let certs: TestCertificates;
let credentialsFile: string;
let ca: Buffer;
let clientCert: { cert: Buffer; key: Buffer };

beforeAll(async () => {
  const dir = await dirs.make('mini-kafka-tls-');
  certs = await makeTestCertificates(dir);
  credentialsFile = `${dir}/credentials.json`;
  await writeCredentials(credentialsFile, await withUser(emptyCredentials(), 'alice', PASSWORD));
  ca = await readFile(certs.ca);
  clientCert = { cert: await readFile(certs.client), key: await readFile(certs.clientKey) };
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

let ctx: TestHandlerContext | undefined;
let listener: KafkaListener | undefined;
let logLines: Record<string, unknown>[] = [];
const clients: WireClient[] = [];

async function start(config: BrokerConfigInput, requestReadTimeoutMs = -1): Promise<number> {
  const { logger, lines } = recordingLogger('debug');
  logLines = lines;
  const context = await handlerContext({
    config: {
      auth: true,
      credentialsFile,
      superUsers: ['User:alice'],
      authFailureDelayMs: 0,
      tlsCertFile: certs.server,
      tlsKeyFile: certs.serverKey,
      tlsCaFile: certs.ca,
      ...config,
    },
    logger,
  });
  ctx = context;
  const handlers = new HandlerRegistry()
    .register(whoAmI)
    .register(saslHandshakeHandler)
    .register(saslAuthenticateHandler);
  handlers.register(apiVersionsHandler(handlers));
  listener = await startKafkaListener(
    '127.0.0.1',
    0,
    async () => handlers,
    () => context,
    {
      maxFrameBytes: 1 << 20,
      connectionsMaxIdleMs: -1,
      requestReadTimeoutMs,
    },
  );
  return listener.port;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await listener?.stop();
  await ctx?.close();
  listener = undefined;
  ctx = undefined;
});

async function tlsClient(withCertificate: boolean): Promise<WireClient> {
  const client = await WireClient.connectTls(listener!.port, {
    ca,
    servername: 'localhost',
    ...(withCertificate ? clientCert : {}),
  });
  clients.push(client);
  return client;
}

const header = (correlationId: number) => ({ correlationId, clientId: 'tls-test' });

async function principalOf(client: WireClient): Promise<string> {
  client.send(encodeRequestFrame(DescribeCluster, 0, header(9), { includeClusterAuthorizedOperations: false }));
  return decodeResponseFrame(DescribeCluster, 0, await client.next()).response.clusterId;
}

describe('TLS on the Kafka listener', () => {
  it("SSL: a verified client certificate's CN is the principal", async () => {
    await start({ kafkaSecurityProtocol: 'SSL' });
    expect(await principalOf(await tlsClient(true))).toBe('User:alice');
  });

  it("SSL: or its whole DN, as Kafka's default principal builder writes it", async () => {
    await start({ kafkaSecurityProtocol: 'SSL', principalFromCertificate: 'dn' });
    expect(await principalOf(await tlsClient(true))).toBe('User:CN=alice,OU=tests,O=Mini Kafka');
  });

  it('SSL with authentication on: no certificate fails the handshake (required) or closes the connection (requested)', async () => {
    await start({ kafkaSecurityProtocol: 'SSL' });
    const refused = await tlsClient(false).then(
      async (client) => {
        // TLS 1.3 reports the missing certificate after the client's handshake completes.
        await client.closed;
        return 'closed';
      },
      () => 'refused',
    );
    expect(['closed', 'refused']).toContain(refused);
    expect(await principalOf(await tlsClient(true))).toBe('User:alice');
    await listener!.stop();
    await ctx!.close();

    await start({ kafkaSecurityProtocol: 'SSL', tlsClientAuth: 'requested' });
    const anonymous = await tlsClient(false);
    await anonymous.closed;
    expect(logLines).toContainEqual(
      expect.objectContaining({ msg: 'kafka connection closed: no verified client certificate' }),
    );
  });

  it('SSL with authentication on refuses to start without a CA to check client certificates against', async () => {
    const config = {
      auth: true,
      kafkaSecurityProtocol: 'SSL' as const,
      tlsCertFile: certs.server,
      tlsKeyFile: certs.serverKey,
    };
    await expect(handlerContext({ config })).rejects.toThrow(/--tls-ca-file/);
    await expect(handlerContext({ config: { ...config, tlsCaFile: certs.ca, tlsClientAuth: 'none' } })).rejects.toThrow(
      /--tls-ca-file/,
    );
  });

  it('SSL with authentication off: a client without a certificate is User:ANONYMOUS', async () => {
    await start({ auth: false, kafkaSecurityProtocol: 'SSL', tlsClientAuth: 'requested' });
    expect(await principalOf(await tlsClient(false))).toBe('User:ANONYMOUS');
    expect(await principalOf(await tlsClient(true))).toBe('User:alice');
  });

  it('SASL_SSL: SCRAM over TLS makes the principal, whatever the certificate', async () => {
    await start({ kafkaSecurityProtocol: 'SASL_SSL' });
    const client = await tlsClient(false);
    client.send(encodeRequestFrame(SaslHandshake, 1, header(1), { mechanism: 'SCRAM-SHA-512' }));
    expect(decodeResponseFrame(SaslHandshake, 1, await client.next()).response.errorCode).toBe(0);
    const scram = new ScramClient('SCRAM-SHA-512', 'alice', PASSWORD);
    const step = async (authBytes: Buffer) => {
      client.send(encodeRequestFrame(SaslAuthenticate, 2, header(2), { authBytes }));
      return decodeResponseFrame(SaslAuthenticate, 2, await client.next()).response;
    };
    const first = await step(scram.clientFirst());
    const final = await step(await scram.clientFinal(first.authBytes));
    expect(final.errorCode).toBe(0);
    expect(scram.verifies(final.authBytes)).toBe(true);
    expect(await principalOf(client)).toBe('User:alice');
  });

  it('survives plaintext on the TLS port, a handshake that never comes (bounded by the read limit) and TLS 1.1', async () => {
    const port = await start({ kafkaSecurityProtocol: 'SSL' }, 200);
    const plaintext = connectTcp(port, '127.0.0.1');
    plaintext.on('error', () => undefined);
    plaintext.write(Buffer.from([0, 0, 0, 10, 0, 18, 0, 0, 0, 0, 0, 1, 0, 0]));
    await new Promise((resolve) => plaintext.once('close', resolve));

    const silent = connectTcp(port, '127.0.0.1');
    silent.on('error', () => undefined);
    await new Promise((resolve) => silent.once('close', resolve));

    await expect(
      WireClient.connectTls(port, {
        ca,
        servername: 'localhost',
        ...clientCert,
        maxVersion: 'TLSv1.1',
        minVersion: 'TLSv1',
      }),
    ).rejects.toThrow();
    expect(await principalOf(await tlsClient(true))).toBe('User:alice');
  });
});
