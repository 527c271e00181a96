/**
 * Test certificates made with the openssl command (Debian package openssl): a self-signed CA,
 * a server certificate it signs for 127.0.0.1 and localhost, and client certificates it
 * signs for the common names asked for (mTLS). Written as PEM files into `dir`; the contents
 * are returned too. Keys are EC P-256: quick to make.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PemFiles {
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

export interface CertificateSet {
  ca: PemFiles;
  server: PemFiles;
  /** One per common name asked for. */
  clients: Record<string, PemFiles>;
}

async function openssl(args: string[], dir: string): Promise<void> {
  await run('openssl', args, { cwd: dir });
}

async function pemFiles(dir: string, name: string): Promise<PemFiles> {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  const [cert, key] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
  return { certFile, keyFile, cert, key };
}

async function signed(dir: string, name: string, subject: string, extensions: string): Promise<PemFiles> {
  await openssl(
    ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'].concat([
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject,
    ]),
    dir,
  );
  await writeFile(join(dir, `${name}.ext`), extensions);
  await openssl(
    ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial'].concat([
      '-days',
      '2',
      '-sha256',
      '-out',
      `${name}.crt`,
      '-extfile',
      `${name}.ext`,
    ]),
    dir,
  );
  return pemFiles(dir, name);
}

/**
 * Makes a CA, a server certificate for 127.0.0.1 / localhost and a client certificate per
 * common name in `dir` (subject `O=Mini Kafka,OU=tests,CN=<name>`).
 */
export async function makeCertificates(dir: string, clientNames: readonly string[] = []): Promise<CertificateSet> {
  await openssl(
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'].concat([
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '2',
      '-subj',
      '/CN=Mini Kafka test CA',
    ]),
    dir,
  );
  const server = await signed(
    dir,
    'server',
    '/CN=127.0.0.1',
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  const clients: Record<string, PemFiles> = {};
  for (const name of clientNames) {
    clients[name] = await signed(
      dir,
      `client-${name}`,
      `/O=Mini Kafka/OU=tests/CN=${name}`,
      'extendedKeyUsage=clientAuth\n',
    );
  }
  return { ca: await pemFiles(dir, 'ca'), server, clients };
}
