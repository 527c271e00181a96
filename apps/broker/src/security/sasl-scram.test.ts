// SCRAM-SHA-256/512 server: RFC 7677's test vector, full exchanges with a test client for
// both hashes, escaped user names, unknown users, and every way a client can get it wrong.
import { beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore, type CredentialsData, emptyCredentials, withUser } from './credential-store.js';
import { ScramServer, unescapeUserName } from './sasl-scram.js';
import { SaslFailure } from './sasl-server.js';
import { hash, hmac, makeScramCredential, SCRAM_MECHANISMS, saltedPassword } from './scram-credential.js';
import { ScramClient } from './testing/scram-client.js';

let store: CredentialStore;
beforeAll(async () => {
  const data: CredentialsData = await withUser(emptyCredentials(), 'alice', 'alice-secret');
  // The credentials file's user names have no ',' or '=', but the wire escapes them: put one in by hand.
  data.users['o=dd,name'] = {
    'SCRAM-SHA-256': await makeScramCredential('SCRAM-SHA-256', 'odd-name-secret'),
    'SCRAM-SHA-512': await makeScramCredential('SCRAM-SHA-512', 'odd-name-secret'),
  };
  store = CredentialStore.of(data);
});

const text = (s: string): Buffer => Buffer.from(s);

async function failureOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SaslFailure);
  return (error as Error).message;
}

describe('ScramServer', () => {
  it("answers RFC 7677's SCRAM-SHA-256 example exactly", async () => {
    const salt = 'W22ZaJ0SNY7soEsUEjb6gQ==';
    const salted = await saltedPassword('SCRAM-SHA-256', 'pencil', Buffer.from(salt, 'base64'), 4096);
    const credential = {
      salt,
      iterations: 4096,
      storedKey: hash('SCRAM-SHA-256', hmac('SCRAM-SHA-256', salted, 'Client Key')).toString('base64'),
      serverKey: hmac('SCRAM-SHA-256', salted, 'Server Key').toString('base64'),
    };
    const sha512 = await makeScramCredential('SCRAM-SHA-512', 'pencil');
    const rfcStore = CredentialStore.of({
      version: 1,
      users: { user: { 'SCRAM-SHA-256': credential, 'SCRAM-SHA-512': sha512 } },
      tokens: [],
    });
    const server = new ScramServer('SCRAM-SHA-256', rfcStore, () => '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0');
    const first = await server.evaluate(text('n,,n=user,r=rOprNGfwEbeRWgbNEkqO'));
    expect(first).toEqual({
      complete: false,
      challenge: text('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096'),
    });
    const final = await server.evaluate(
      text(
        'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
      ),
    );
    expect(final).toEqual({
      complete: true,
      user: 'user',
      final: text('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='),
    });
  });

  it.each(SCRAM_MECHANISMS)(
    '%s: a full exchange authenticates, and the client verifies the server',
    async (mechanism) => {
      const client = new ScramClient(mechanism, 'alice', 'alice-secret');
      const server = new ScramServer(mechanism, store);
      const first = await server.evaluate(client.clientFirst());
      expect(first.complete).toBe(false);
      const challenge = first.complete ? Buffer.alloc(0) : first.challenge;
      expect(challenge.toString()).toMatch(
        new RegExp(`^r=${client.nonce.replaceAll('+', '\\+')}[^,]+,s=[^,]+,i=4096$`),
      );
      const final = await server.evaluate(await client.clientFinal(challenge));
      expect(final).toMatchObject({ complete: true, user: 'alice' });
      expect(client.verifies(final.complete ? final.final : Buffer.alloc(0))).toBe(true);
    },
  );

  it('unescapes =2C and =3D in user names, and refuses other = escapes', async () => {
    expect(unescapeUserName('o=3Ddd=2Cname')).toBe('o=dd,name');
    expect(unescapeUserName('bad=41')).toBeUndefined();
    const client = new ScramClient('SCRAM-SHA-512', 'o=dd,name', 'odd-name-secret');
    const server = new ScramServer('SCRAM-SHA-512', store);
    const first = await server.evaluate(client.clientFirst());
    const final = await server.evaluate(await client.clientFinal(first.complete ? Buffer.alloc(0) : first.challenge));
    expect(final).toMatchObject({ complete: true, user: 'o=dd,name' });
    await expect(failureOf(new ScramServer('SCRAM-SHA-512', store).evaluate(text('n,,n=a=41,r=x')))).resolves.toMatch(
      /user name/,
    );
  });

  it('refuses a wrong password at the proof, and an unknown user the same way after a stable challenge', async () => {
    for (const [user, password] of [
      ['alice', 'wrong-password'],
      ['mallory', 'anything-at-all'],
    ] as const) {
      const client = new ScramClient('SCRAM-SHA-256', user, password);
      const server = new ScramServer('SCRAM-SHA-256', store);
      const first = await server.evaluate(client.clientFirst());
      expect(first.complete).toBe(false);
      const message = await failureOf(
        server.evaluate(await client.clientFinal(first.complete ? Buffer.alloc(0) : first.challenge)),
      );
      expect(message).toBe(
        'Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256',
      );
      expect(server.claimedUser).toBe(user);
    }
    const saltOf = async (): Promise<string> => {
      const step = await new ScramServer('SCRAM-SHA-256', store).evaluate(text('n,,n=mallory,r=abc'));
      return step.complete ? '' : /s=([^,]+)/.exec(step.challenge.toString())![1]!;
    };
    expect(await saltOf()).toBe(await saltOf());
  });

  it('refuses channel binding, delegation tokens, a foreign authorization id and garbage client-first messages', async () => {
    const refused = [
      'p=tls-unique,,n=alice,r=abc',
      'n,,n=alice,r=abc,tokenauth=true',
      'n,a=bob,n=alice,r=abc',
      'n,,m=ext,n=alice,r=abc',
      'n,,r=abc,n=alice',
      'n,,n=alice',
      'n,,n=,r=abc',
      'n,,n=alice,r=a,b',
      'x,,n=alice,r=abc',
      'n,,n=alice,r=',
      '',
      '\u0000\u00ff garbage',
    ];
    for (const message of refused) {
      await failureOf(new ScramServer('SCRAM-SHA-256', store).evaluate(text(message)));
    }
    const ok = await new ScramServer('SCRAM-SHA-256', store).evaluate(text('n,a=alice,n=alice,r=abc'));
    expect(ok.complete).toBe(false);
  });

  it('refuses a client-final with another nonce, channel binding or a malformed proof, and anything after', async () => {
    const finals = (nonce: string): string[] => [
      `c=biws,r=${nonce}x,p=AAAA`,
      `c=eSws,r=${nonce},p=AAAA`,
      `c=biws,r=${nonce}`,
      `r=${nonce},c=biws,p=AAAA`,
      `c=biws,r=${nonce},p=not base64 at all`,
    ];
    const count = finals('').length;
    for (let i = 0; i < count; i++) {
      const server = new ScramServer('SCRAM-SHA-256', store);
      const first = await server.evaluate(text('n,,n=alice,r=abc'));
      const nonce = /r=([^,]+)/.exec(first.complete ? '' : first.challenge.toString())![1]!;
      await failureOf(server.evaluate(text(finals(nonce)[i]!)));
      // The exchange is over: not even a right answer is taken now.
      await failureOf(server.evaluate(text('n,,n=alice,r=abc')));
    }
  });

  it("accepts librdkafka's client-final, whose nonce repeats the client's in front, as Kafka does", async () => {
    const server = new ScramServer('SCRAM-SHA-256', store);
    const client = new ScramClient('SCRAM-SHA-256', 'alice', 'alice-secret', 'clientnonce');
    const first = await server.evaluate(client.clientFirst());
    // What librdkafka 2.0 sends: r=<client nonce><the r of server-first>.
    const final = await server.evaluate(
      await client.clientFinal(first.complete ? Buffer.alloc(0) : first.challenge, true),
    );
    expect(final).toMatchObject({ complete: true, user: 'alice' });
  });

  it('refuses a replayed client-final, on the same exchange and on a new one', async () => {
    const client = new ScramClient('SCRAM-SHA-512', 'alice', 'alice-secret');
    const server = new ScramServer('SCRAM-SHA-512', store);
    const first = await server.evaluate(client.clientFirst());
    const final = await client.clientFinal(first.complete ? Buffer.alloc(0) : first.challenge);
    expect((await server.evaluate(final)).complete).toBe(true);
    await failureOf(server.evaluate(final));
    const again = new ScramServer('SCRAM-SHA-512', store);
    await again.evaluate(client.clientFirst());
    expect(await failureOf(again.evaluate(final))).toMatch(/nonce/);
  });
});
