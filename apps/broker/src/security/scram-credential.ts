/**
 * SCRAM credentials (RFC 5802, with SHA-256 and SHA-512 as RFC 7677 and Kafka use them): what
 * the broker keeps of a password is, per mechanism, a random salt, the iteration count and
 * two keys derived from the salted password; never the password. The same credential checks
 * a PLAIN password (derive, compare the stored key in constant time).
 *
 *   SaltedPassword = PBKDF2(HMAC-H, password, salt, iterations)
 *   StoredKey      = H(HMAC(SaltedPassword, "Client Key"))
 *   ServerKey      = HMAC(SaltedPassword, "Server Key")
 */
import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';

export const SCRAM_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export type ScramMechanism = (typeof SCRAM_MECHANISMS)[number];
/** Kafka's minimum and default iteration count. */
export const MIN_SCRAM_ITERATIONS = 4096;
export const MAX_SCRAM_ITERATIONS = 16384;

export interface ScramCredential {
  /** base64 */
  salt: string;
  iterations: number;
  /** base64 */
  storedKey: string;
  /** base64 */
  serverKey: string;
}

export const hashOf = (mechanism: ScramMechanism): 'sha256' | 'sha512' =>
  mechanism === 'SCRAM-SHA-256' ? 'sha256' : 'sha512';
const keyLength = (mechanism: ScramMechanism): number => (mechanism === 'SCRAM-SHA-256' ? 32 : 64);

export function hmac(mechanism: ScramMechanism, key: Buffer, text: string | Buffer): Buffer {
  return createHmac(hashOf(mechanism), key).update(text).digest();
}

export function hash(mechanism: ScramMechanism, data: Buffer): Buffer {
  return createHash(hashOf(mechanism)).update(data).digest();
}

export function saltedPassword(
  mechanism: ScramMechanism,
  password: string,
  salt: Buffer,
  iterations: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(password.normalize('NFKC'), salt, iterations, keyLength(mechanism), hashOf(mechanism), (error, key) =>
      error === null ? resolve(key) : reject(error),
    );
  });
}

/** A new credential for `password`, with a fresh random salt. */
export async function makeScramCredential(
  mechanism: ScramMechanism,
  password: string,
  iterations = MIN_SCRAM_ITERATIONS,
): Promise<ScramCredential> {
  const salt = randomBytes(32);
  const salted = await saltedPassword(mechanism, password, salt, iterations);
  return {
    salt: salt.toString('base64'),
    iterations,
    storedKey: hash(mechanism, hmac(mechanism, salted, 'Client Key')).toString('base64'),
    serverKey: hmac(mechanism, salted, 'Server Key').toString('base64'),
  };
}

/** Whether `password` is the one `credential` was made from (constant-time comparison). */
export async function passwordMatches(
  mechanism: ScramMechanism,
  credential: ScramCredential,
  password: string,
): Promise<boolean> {
  const salted = await saltedPassword(
    mechanism,
    password,
    Buffer.from(credential.salt, 'base64'),
    credential.iterations,
  );
  const derived = hash(mechanism, hmac(mechanism, salted, 'Client Key'));
  const stored = Buffer.from(credential.storedKey, 'base64');
  return derived.length === stored.length && timingSafeEqual(derived, stored);
}
