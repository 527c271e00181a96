/**
 * https:// brokers: the SDK trusts the CA it is given (a self-signed one, made here with
 * openssl), refuses a certificate it cannot check, and presents a client certificate (mTLS)
 * when given one. The server is node:https answering who it saw; the real broker's TLS is
 * tested in packages/e2e.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import { type CertificateSet, makeCertificates, TempDirs } from '@mini-kafka/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Admin } from './admin.js';

const dirs = new TempDirs();
let certificates: CertificateSet;
let server: Server;
let url: string;

beforeAll(async () => {
  certificates = await makeCertificates(await dirs.make('mini-kafka-tls-'), ['alice']);
  server = createServer(
    {
      cert: certificates.server.cert,
      key: certificates.server.key,
      ca: certificates.ca.cert,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (request, response) => {
      const socket = request.socket as TLSSocket;
      const peer = socket.authorized ? socket.getPeerCertificate().subject?.CN : undefined;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ principal: peer === undefined ? 'User:ANONYMOUS' : `User:${peer}` }));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await dirs.cleanup();
});

describe('https', () => {
  it('trusts the broker whose certificate chains to the ca option', async () => {
    const admin = new Admin({ url, ca: certificates.ca.cert, retry: { retries: 0 } });
    expect(await admin.whoami()).toEqual({ principal: 'User:ANONYMOUS' });
  });

  it('takes the ca as a Buffer, or a list', async () => {
    const ca = Buffer.from(certificates.ca.cert);
    expect(await new Admin({ url, ca, retry: { retries: 0 } }).whoami()).toBeDefined();
    expect(await new Admin({ url, ca: [ca], retry: { retries: 0 } }).whoami()).toBeDefined();
  });

  it('refuses a broker whose certificate it cannot check, as BROKER_NOT_AVAILABLE naming the reason', async () => {
    const error = await new Admin({ url, retry: { retries: 0 } }).whoami().catch((caught: unknown) => caught);
    expect(isMiniKafkaError(error, 'BROKER_NOT_AVAILABLE')).toBe(true);
    expect((error as Error).message).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
  });

  it('presents a client certificate given as cert and key', async () => {
    const admin = new Admin({
      url,
      ca: certificates.ca.cert,
      cert: certificates.clients.alice!.cert,
      key: certificates.clients.alice!.key,
      retry: { retries: 0 },
    });
    expect(await admin.whoami()).toEqual({ principal: 'User:alice' });
  });

  it('refuses a certificate without its key', () => {
    expect(() => new Admin({ url, cert: certificates.clients.alice!.cert })).toThrow(/both the cert and the key/);
  });
});
