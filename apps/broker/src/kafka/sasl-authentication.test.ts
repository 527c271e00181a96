// The SASL exchange's states: what each admits, the handshake's answers, and where tokens take it.
import { API_KEYS } from '@mini-kafka/kafka-protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore, emptyCredentials, withUser } from '../security/credential-store.js';
import { authenticateResponse, SaslAuthentication } from './sasl-authentication.js';

let store: CredentialStore;
beforeAll(async () => {
  store = CredentialStore.of(await withUser(emptyCredentials(), 'alice', 'alice-secret'));
});

const ALL = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
const plain = (password: string) => Buffer.from(`\0alice\0${password}`);
const admitted = (sasl: SaslAuthentication) =>
  [API_KEYS.ApiVersions, API_KEYS.SaslHandshake, API_KEYS.SaslAuthenticate, API_KEYS.Metadata].filter((key) =>
    sasl.admits(key),
  );

describe('SaslAuthentication', () => {
  it('admits ApiVersions and SaslHandshake first, then SaslAuthenticate only, then everything', async () => {
    const sasl = new SaslAuthentication(ALL, store);
    expect(admitted(sasl)).toEqual([18, 17]);
    expect(sasl.handshake('PLAIN', 1)).toEqual({ errorCode: 0, mechanisms: [...ALL] });
    expect([sasl.state, sasl.mechanism]).toEqual(['authenticate', 'PLAIN']);
    expect(admitted(sasl)).toEqual([36]);
    expect(await sasl.token(plain('alice-secret'))).toEqual({
      kind: 'authenticated',
      token: Buffer.alloc(0),
      user: 'alice',
    });
    expect(sasl.state).toBe('complete');
    expect(admitted(sasl)).toEqual([18, 17, 36, 3]);
  });

  it('takes bare tokens after a v0 handshake', async () => {
    const sasl = new SaslAuthentication(ALL, store);
    sasl.handshake('SCRAM-SHA-256', 0);
    expect(sasl.state).toBe('raw');
    expect(admitted(sasl)).toEqual([]);
    const outcome = await sasl.token(Buffer.from('n,,n=alice,r=abc'));
    expect(outcome.kind).toBe('challenge');
    expect(sasl.state).toBe('raw');
  });

  it('fails on a mechanism not enabled (33, with the list) and on a second handshake (34)', () => {
    const only = new SaslAuthentication(['SCRAM-SHA-512'], store);
    expect(only.handshake('PLAIN', 1)).toEqual({ errorCode: 33, mechanisms: ['SCRAM-SHA-512'] });
    expect(only.state).toBe('failed');
    expect(admitted(only)).toEqual([]);
    const twice = new SaslAuthentication(ALL, store);
    twice.handshake('PLAIN', 1);
    expect(twice.handshake('PLAIN', 1).errorCode).toBe(34);
    expect(twice.state).toBe('failed');
  });

  it('fails on a token before the handshake, a wrong password, or a token after the end', async () => {
    const early = new SaslAuthentication(ALL, store);
    expect(await early.token(plain('alice-secret'))).toEqual({ kind: 'failed', message: 'Unexpected SASL token' });
    const wrong = new SaslAuthentication(ALL, store);
    wrong.handshake('PLAIN', 1);
    const failed = await wrong.token(plain('wrong'));
    expect(failed.kind).toBe('failed');
    expect([wrong.state, wrong.claimedUser]).toEqual(['failed', 'alice']);
    expect(authenticateResponse(failed)).toMatchObject({ errorCode: 58, authBytes: Buffer.alloc(0) });
    expect((await wrong.token(plain('alice-secret'))).kind).toBe('failed');
  });
});
