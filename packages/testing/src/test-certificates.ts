/**
 * Certificates for TLS tests, made with the openssl CLI in a directory: a self-signed CA, a
 * server certificate for 127.0.0.1 and localhost, and a client certificate for `CN=alice`
 * (subject `O=Mini Kafka,OU=tests,CN=alice`), all signed by the CA, with EC P-256 keys,
 * valid for two days. Every file is PEM; keys are unencrypted.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCertificates {
  /** The CA certificate both sides trust. */
  ca: string;
  caKey: string;
  server: string;
  serverKey: string;
  /** CN=alice. */
  client: string;
  clientKey: string;
}

async function openssl(dir: string, ...args: string[]): Promise<void> {
  await run('openssl', args, { cwd: dir });
}

async function signed(dir: string, name: string, subject: string, extensions: string): Promise<void> {
  await openssl(dir, 'ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}-key.pem`);
  await openssl(dir, 'req', '-new', '-key', `${name}-key.pem`, '-subj', subject, '-out', `${name}.csr`);
  await writeFile(join(dir, `${name}.ext`), extensions);
  await openssl(
    dir,
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca-key.pem',
    '-CAcreateserial',
    '-days',
    '2',
    '-sha256',
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.pem`,
  );
}

/** Writes ca.pem, server.pem/server-key.pem and client.pem/client-key.pem into `dir`; resolves to their paths. */
export async function makeTestCertificates(dir: string): Promise<TestCertificates> {
  await openssl(dir, 'ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca-key.pem');
  await openssl(
    dir,
    'req',
    '-x509',
    '-new',
    '-key',
    'ca-key.pem',
    '-subj',
    '/O=Mini Kafka/CN=Mini Kafka Test CA',
    '-days',
    '2',
    '-sha256',
    '-out',
    'ca.pem',
  );
  await signed(
    dir,
    'server',
    '/O=Mini Kafka/CN=localhost',
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature\n',
  );
  await signed(
    dir,
    'client',
    '/O=Mini Kafka/OU=tests/CN=alice',
    'extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature\n',
  );
  const path = (name: string): string => join(dir, name);
  return {
    ca: path('ca.pem'),
    caKey: path('ca-key.pem'),
    server: path('server.pem'),
    serverKey: path('server-key.pem'),
    client: path('client.pem'),
    clientKey: path('client-key.pem'),
  };
}
