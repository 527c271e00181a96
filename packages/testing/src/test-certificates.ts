/**
 * The TLS tests' usual certificates, as paths: a CA, a server certificate for 127.0.0.1 and
 * localhost, and a client certificate for `CN=alice` (subject `O=Mini Kafka,OU=tests,CN=alice`),
 * made by `makeCertificates` (certificates.ts) with openssl.
 */
import { makeCertificates } from './certificates.js';

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

/** Writes the CA, the server's and alice's certificates and keys into `dir`; resolves to their paths. */
export async function makeTestCertificates(dir: string): Promise<TestCertificates> {
  const { ca, server, clients } = await makeCertificates(dir, ['alice']);
  const alice = clients.alice!;
  return {
    ca: ca.certFile,
    caKey: ca.keyFile,
    server: server.certFile,
    serverKey: server.keyFile,
    client: alice.certFile,
    clientKey: alice.keyFile,
  };
}
