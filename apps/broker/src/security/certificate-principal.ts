/**
 * The principal a verified client certificate stands for (TLS client authentication):
 * `User:<CN>` ('cn'), or `User:<DN>` ('dn') with the subject's distinguished name as Kafka's
 * default principal builder writes it (RFC 2253: most specific first, `CN=alice,OU=eng,O=acme,C=US`,
 * with `,+"\<>;` escaped). Undefined when the subject has no CN ('cn') or no name at all.
 */
import type { X509Certificate } from 'node:crypto';
import { principalOf } from './credential-store.js';

/** A subject's relative names, in the certificate's order (`C=US`, …, `CN=alice`). */
function subjectNames(certificate: Pick<X509Certificate, 'subject'>): { key: string; value: string }[] {
  return certificate.subject
    .split('\n')
    .filter((line) => line.includes('='))
    .map((line) => {
      const at = line.indexOf('=');
      return { key: line.slice(0, at), value: line.slice(at + 1) };
    });
}

const escapeValue = (value: string): string =>
  value
    .replace(/[,+"\\<>;]/g, (c) => `\\${c}`)
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, '\\ ');

export function certificatePrincipal(
  certificate: Pick<X509Certificate, 'subject'>,
  mode: 'cn' | 'dn',
): string | undefined {
  const names = subjectNames(certificate);
  if (mode === 'cn') {
    const cn = names.findLast((name) => name.key === 'CN')?.value;
    return cn === undefined || cn === '' ? undefined : principalOf(cn);
  }
  if (names.length === 0) return undefined;
  return principalOf(
    names
      .reverse()
      .map(({ key, value }) => `${key}=${escapeValue(value)}`)
      .join(','),
  );
}
