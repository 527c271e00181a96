/**
 * The principal of a verified TLS client certificate, as Kafka's default principal builder
 * makes it: `User:<CN>` (principalFromCertificate `cn`) or `User:<subject DN>` in RFC 2253
 * order, most specific first (`User:CN=alice,OU=eng,O=acme`; `dn`). Undefined when the peer
 * sent no certificate or it did not verify against the configured CA.
 */
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { principalOf } from '../security/credential-store.js';

export function certificatePrincipal(socket: Socket | undefined, from: 'cn' | 'dn'): string | undefined {
  if (!(socket instanceof TLSSocket) || !socket.authorized) return undefined;
  const subject = socket.getPeerCertificate().subject as Record<string, string | string[]> | undefined;
  if (subject === undefined || Object.keys(subject).length === 0) return undefined;
  if (from === 'cn') {
    const cn = subject.CN;
    const name = Array.isArray(cn) ? cn[0] : cn;
    return name === undefined || name.length === 0 ? undefined : principalOf(name);
  }
  const escapeDn = (value: string): string => value.replace(/([,+"\\<>;])/g, '\\$1');
  const parts = Object.entries(subject).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((one) => `${key}=${escapeDn(one)}`),
  );
  return principalOf(parts.reverse().join(','));
}
