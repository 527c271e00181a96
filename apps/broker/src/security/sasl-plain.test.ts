// SASL PLAIN: the one-token exchange, the authorization id rule, wrong and malformed tokens.
import { beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore, emptyCredentials, withUser } from './credential-store.js';
import { PlainServer } from './sasl-plain.js';
import { SaslFailure } from './sasl-server.js';

let store: CredentialStore;
beforeAll(async () => {
  store = CredentialStore.of(await withUser(emptyCredentials(), 'alice', 'alice-secret'));
});

const token = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('PlainServer', () => {
  it('authenticates user and password, with an empty or matching authorization id', async () => {
    for (const authzid of ['', 'alice']) {
      const step = await new PlainServer(store).evaluate(token(`${authzid}\0alice\0alice-secret`));
      expect(step).toEqual({ complete: true, user: 'alice', final: Buffer.alloc(0) });
    }
  });

  it('refuses a wrong password or an unknown user with a message that names neither the password nor the token', async () => {
    for (const attempt of ['\0alice\0wrong-password', '\0mallory\0alice-secret']) {
      const server = new PlainServer(store);
      const error = await server.evaluate(token(attempt)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SaslFailure);
      expect((error as Error).message).toBe(
        'Authentication failed during authentication due to invalid credentials with SASL mechanism PLAIN',
      );
      expect(server.claimedUser).toBe(attempt.split('\0')[1]);
    }
  });

  it('refuses another authorization id, malformed tokens and a second token', async () => {
    const bad = ['bob\0alice\0alice-secret', 'alice\0alice-secret', '\0\0alice-secret', '\0alice\0', 'a\0b\0c\0d', ''];
    for (const attempt of bad) {
      const error = await new PlainServer(store).evaluate(token(attempt)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SaslFailure);
      expect((error as Error).message).not.toContain('alice-secret');
    }
    const server = new PlainServer(store);
    await server.evaluate(token('\0alice\0alice-secret'));
    await expect(server.evaluate(token('\0alice\0alice-secret'))).rejects.toThrow(SaslFailure);
  });
});
