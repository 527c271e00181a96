/**
 * The principal of an HTTPS request's verified client certificate, as the Kafka listener
 * makes it (security/certificate-principal.ts): `User:<CN>` or `User:<subject DN>`.
 * Undefined when the peer sent no certificate or it did not verify against the configured CA.
 */
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { certificatePrincipal as principalOfCertificate } from '../security/certificate-principal.js';

export function certificatePrincipal(socket: Socket | undefined, from: 'cn' | 'dn'): string | undefined {
  if (!(socket instanceof TLSSocket) || !socket.authorized) return undefined;
  const certificate = socket.getPeerX509Certificate();
  return certificate === undefined ? undefined : principalOfCertificate(certificate, from);
}
