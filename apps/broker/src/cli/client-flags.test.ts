/**
 * The security flags of the client commands, through the built binary: `--token` and
 * MINI_KAFKA_TOKEN go as a bearer token, `--ca-file` trusts a self-signed CA, `--cert-file`
 * with `--key-file` presents a client certificate, and refusals exit 4. The server is a
 * node:https one that records what the CLI sends and answers as the contract says (the real
 * broker's side is in acls-command.test.ts).
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { type CertificateSet, makeCertificates, TempDirs } from '@mini-kafka/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runMiniKafka } from './testing/run-binary.js';

const TOKEN = `mk_0123456789abcdef_${'x'.repeat(43)}`;
const dirs = new TempDirs();
let certificates: CertificateSet;
let server: Server;
let url: string;
const authorizations: Array<string | undefined> = [];
let answer: { status: number; body: unknown };

beforeAll(async () => {
  certificates = await makeCertificates(await dirs.make('mini-kafka-cli-tls-'), ['alice']);
  server = createServer(
    {
      cert: certificates.server.cert,
      key: certificates.server.key,
      ca: certificates.ca.cert,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (request, response) => {
      authorizations.push(request.headers.authorization);
      const socket = request.socket as TLSSocket;
      const cn = socket.authorized ? socket.getPeerCertificate().subject?.CN : undefined;
      const body =
        answer.status === 200 && cn !== undefined
          ? { principal: `User:${cn}`, authenticated: true, superUser: false }
          : answer.body;
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
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
beforeEach(() => {
  authorizations.length = 0;
  answer = { status: 200, body: { principal: 'User:alice', authenticated: true, superUser: true } };
});

describe('client security flags', () => {
  it('sends --token as a bearer token, over https trusted with --ca-file', async () => {
    const result = await runMiniKafka([
      'whoami',
      '--url',
      url,
      '--ca-file',
      certificates.ca.certFile,
      '--token',
      TOKEN,
    ]);
    expect(result).toEqual({ code: 0, stdout: 'User:alice (authenticated, super user)\n', stderr: '' });
    expect(authorizations).toEqual([`Bearer ${TOKEN}`]);
  });

  it('takes the token, CA and URL from MINI_KAFKA_TOKEN, MINI_KAFKA_CA_FILE and MINI_KAFKA_URL', async () => {
    const result = await runMiniKafka(['whoami', '--json'], {
      env: { MINI_KAFKA_URL: url, MINI_KAFKA_CA_FILE: certificates.ca.certFile, MINI_KAFKA_TOKEN: TOKEN },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ principal: 'User:alice', authenticated: true, superUser: true });
    expect(authorizations).toEqual([`Bearer ${TOKEN}`]);
  });

  it('presents the client certificate of --cert-file and --key-file', async () => {
    const alice = certificates.clients.alice!;
    const result = await runMiniKafka([
      'whoami',
      '--url',
      url,
      '--ca-file',
      certificates.ca.certFile,
      '--cert-file',
      alice.certFile,
      '--key-file',
      alice.keyFile,
    ]);
    expect(result).toEqual({ code: 0, stdout: 'User:alice (authenticated)\n', stderr: '' });
    expect(authorizations).toEqual([undefined]);
  });

  it('exits 3 naming the reason when the CA is not trusted', async () => {
    const result = await runMiniKafka(['whoami', '--url', url]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^mini-kafka whoami: BROKER_NOT_AVAILABLE: .*(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO)/);
  });

  it('exits 4 for 401 and 403, with the broker error and without the token', async () => {
    answer = {
      status: 401,
      body: { error: { code: 58, name: 'SASL_AUTHENTICATION_FAILED', message: 'Authentication failed' } },
    };
    const refused = await runMiniKafka([
      'topics',
      'list',
      '--url',
      url,
      '--ca-file',
      certificates.ca.certFile,
      '--token',
      TOKEN,
    ]);
    expect(refused).toEqual({
      code: 4,
      stdout: '',
      stderr: 'mini-kafka topics list: SASL_AUTHENTICATION_FAILED: Authentication failed\n',
    });
    expect(authorizations).toHaveLength(1);
    answer = {
      status: 403,
      body: {
        error: { code: 29, name: 'TOPIC_AUTHORIZATION_FAILED', message: 'Not authorized to access topics: [orders]' },
      },
    };
    const denied = await runMiniKafka([
      'topics',
      'delete',
      'orders',
      '--url',
      url,
      '--ca-file',
      certificates.ca.certFile,
    ]);
    expect(denied.code).toBe(4);
    expect(denied.stderr).toBe(
      'mini-kafka topics delete: TOPIC_AUTHORIZATION_FAILED: Not authorized to access topics: [orders]\n',
    );
  });

  it('exits 2 for a CA file it cannot read or a certificate without its key', async () => {
    const missing = await runMiniKafka(['whoami', '--url', url, '--ca-file', '/nonexistent/ca.crt']);
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: 'mini-kafka whoami: cannot read --ca-file /nonexistent/ca.crt (ENOENT) (see mini-kafka whoami --help)\n',
    });
    const half = await runMiniKafka(['whoami', '--url', url, '--cert-file', certificates.clients.alice!.certFile]);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('needs both --cert-file and --key-file');
    expect(authorizations).toEqual([]);
  });
});
