// Hostile tokens: whatever bytes a client sends, at either step of any mechanism, the server
// answers or throws SaslFailure (never another error), never authenticates, and its message
// never echoes the token. Random bytes, and valid messages with bytes cut off or replaced.
import { SeededRandom, testSeed } from '@mini-kafka/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore, emptyCredentials, withUser } from './credential-store.js';
import { SASL_MECHANISMS, saslServerFor } from './sasl-mechanisms.js';
import { SaslFailure } from './sasl-server.js';

let store: CredentialStore;
beforeAll(async () => {
  store = CredentialStore.of(await withUser(emptyCredentials(), 'alice', 'alice-secret'));
});

const SEED = testSeed();
const RUNS = 150;

/** A valid first token of each mechanism, to damage. */
const FIRST: Record<string, string> = {
  PLAIN: '\0alice\0not-the-password',
  'SCRAM-SHA-256': 'n,,n=alice,r=abcdefgh',
  'SCRAM-SHA-512': 'n,,n=alice,r=abcdefgh',
};

function damaged(random: SeededRandom, text: string): Buffer {
  const bytes = Buffer.from(text);
  switch (random.int(3)) {
    case 0:
      return random.bytes(random.int(200));
    case 1:
      return bytes.subarray(0, random.int(bytes.length + 1));
    default: {
      const copy = Buffer.from(bytes);
      for (let i = random.int(4) + 1; i > 0; i--) copy[random.int(copy.length)] = random.int(256);
      return copy;
    }
  }
}

async function onlySaslFailures(run: () => Promise<{ complete: boolean }>, token: Buffer): Promise<void> {
  try {
    const step = await run();
    expect(step.complete).toBe(false);
  } catch (error) {
    if (!(error instanceof SaslFailure)) throw error;
    if (token.length >= 8) expect(error.message).not.toContain(token.toString('utf8'));
  }
}

describe.each(SASL_MECHANISMS)('%s fed hostile tokens', (mechanism) => {
  it(`answers or refuses, never authenticates (seed ${SEED})`, async () => {
    const random = new SeededRandom(SEED);
    for (let run = 0; run < RUNS; run++) {
      const first = damaged(random, FIRST[mechanism]!);
      const server = saslServerFor(mechanism, store);
      await onlySaslFailures(() => server.evaluate(first), first);
      // A second token after a first that was taken: a client-final made of damaged bytes.
      const second = damaged(random, 'c=biws,r=abcdefgh,p=AAAA');
      await onlySaslFailures(() => server.evaluate(second), second);
    }
  });
});
