// Header version rules and header round trips.
import { describe, expect, it } from 'vitest';
import { Reader } from '../primitives/reader.js';
import { Writer } from '../primitives/writer.js';
import { isFlexibleVersion, requestHeaderVersion, responseHeaderVersion } from './header-versions.js';
import {
  decodeRequestHeader,
  decodeResponseHeader,
  encodeRequestHeader,
  encodeResponseHeader,
  type RequestHeader,
} from './headers.js';

describe('header versions', () => {
  it('request header v2 only for flexible versions', () => {
    expect(requestHeaderVersion(18, 3)).toBe(2);
    expect(requestHeaderVersion(18, 4)).toBe(2); // a newer client's ApiVersions still parses
    expect(requestHeaderVersion(18, 2)).toBe(1);
    expect(requestHeaderVersion(1, 11)).toBe(1);
    expect(requestHeaderVersion(1, 12)).toBe(2);
    expect(requestHeaderVersion(3, 9)).toBe(2);
    expect(requestHeaderVersion(57, 0)).toBe(1); // unknown API: header v1
  });

  it('response header v1 for flexible versions, except ApiVersions (always v0)', () => {
    expect(responseHeaderVersion(18, 3)).toBe(0);
    expect(responseHeaderVersion(3, 4)).toBe(0);
    expect(responseHeaderVersion(3, 9)).toBe(1);
    expect(isFlexibleVersion(11, 6)).toBe(true);
    expect(isFlexibleVersion(11, 5)).toBe(false);
  });
});

describe('headers', () => {
  const header: RequestHeader = { apiKey: 3, apiVersion: 4, correlationId: 2 ** 31 - 1, clientId: 'rdkafka' };

  it.each([1, 2] as const)('request header v%i round trip', (version) => {
    for (const h of [header, { ...header, clientId: null }, { ...header, clientId: '', correlationId: -(2 ** 31) }]) {
      const w = new Writer();
      encodeRequestHeader(w, h, version);
      const r = new Reader(Buffer.from(w.toBuffer()));
      expect(decodeRequestHeader(r, version)).toEqual(h);
      expect(r.remaining).toBe(0);
    }
  });

  it('request header v2 keeps client_id a classic string and adds a tag section', () => {
    const w = new Writer();
    encodeRequestHeader(w, { apiKey: 18, apiVersion: 3, correlationId: 1, clientId: 'ab' }, 2);
    expect(w.toBuffer().toString('hex')).toBe('0012' + '0003' + '00000001' + '0002' + '6162' + '00');
  });

  it.each([0, 1] as const)('response header v%i round trip', (version) => {
    const w = new Writer();
    encodeResponseHeader(w, 7, version);
    expect(w.size).toBe(version === 0 ? 4 : 5);
    const r = new Reader(Buffer.from(w.toBuffer()));
    expect(decodeResponseHeader(r, version)).toEqual({ correlationId: 7 });
    expect(r.remaining).toBe(0);
  });

  it('refuses unknown header versions', () => {
    expect(() => encodeResponseHeader(new Writer(), 1, 2 as 0)).toThrow(
      expect.objectContaining({ reason: 'unsupported-version' }),
    );
  });
});
