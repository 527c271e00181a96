// Certificate principals: CN and RFC 2253 DN, as Kafka's default principal builder writes them.
import { describe, expect, it } from 'vitest';
import { certificatePrincipal } from './certificate-principal.js';

const cert = (subject: string) => ({ subject });

describe('certificatePrincipal', () => {
  it('takes the CN, or the whole DN most specific first', () => {
    const alice = cert('C=US\nO=Acme\nOU=eng\nCN=alice');
    expect(certificatePrincipal(alice, 'cn')).toBe('User:alice');
    expect(certificatePrincipal(alice, 'dn')).toBe('User:CN=alice,OU=eng,O=Acme,C=US');
  });

  it('escapes RFC 2253 specials in the DN', () => {
    expect(certificatePrincipal(cert('O=Acme, Inc.\nCN=#bob'), 'dn')).toBe('User:CN=\\#bob,O=Acme\\, Inc.');
  });

  it('has no principal without a CN or a subject', () => {
    expect(certificatePrincipal(cert('O=Acme'), 'cn')).toBeUndefined();
    expect(certificatePrincipal(cert(''), 'dn')).toBeUndefined();
  });
});
