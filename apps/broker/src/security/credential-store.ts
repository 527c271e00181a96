/**
 * Users and API tokens: who may authenticate, and with what. They live in one JSON file
 * (default `<dataDir>/credentials.json`, mode 0600), written by `mini-kafka users` and
 * `mini-kafka tokens` and read by the broker, which picks up changes while running (it looks
 * at the file's modification time at most once a second). The file holds no secret a client
 * sends: per user, SCRAM credentials for SHA-256 and SHA-512 (salt, iterations, stored and
 * server keys; PLAIN passwords are checked against the SHA-512 one); per token, a random
 * salt and the SHA-256 of salt and secret.
 *
 *   { "version": 1,
 *     "users": { "alice": { "SCRAM-SHA-256": {...}, "SCRAM-SHA-512": {...} } },
 *     "tokens": [ { "id": "4f0c…", "principal": "User:alice", "salt": "…", "hash": "…", "createdAt": "…" } ] }
 *
 * A token is `mk_<id>_<secret>`: the id finds the entry, the secret is checked in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import * as z from 'zod';
import { PRINCIPAL_PATTERN } from './acl.js';
import {
  MAX_SCRAM_ITERATIONS,
  MIN_SCRAM_ITERATIONS,
  makeScramCredential,
  passwordMatches,
  SCRAM_MECHANISMS,
  type ScramCredential,
  type ScramMechanism,
} from './scram-credential.js';

export const CREDENTIALS_FILE = 'credentials.json';
/** A user name: what follows `User:` in its principal. */
export const USER_NAME = /^[A-Za-z0-9._@-]{1,128}$/;
const TOKEN = /^mk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const RELOAD_CHECK_MS = 1000;

const credentialSchema = z.strictObject({
  salt: z.base64(),
  iterations: z.int().min(MIN_SCRAM_ITERATIONS).max(MAX_SCRAM_ITERATIONS),
  storedKey: z.base64(),
  serverKey: z.base64(),
});

const tokenSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  principal: z.string().regex(PRINCIPAL_PATTERN),
  salt: z.base64(),
  hash: z.base64(),
  createdAt: z.string(),
  description: z.string().max(200).optional(),
});

const fileSchema = z.strictObject({
  version: z.literal(1),
  users: z.record(
    z.string().regex(USER_NAME),
    z.strictObject({ 'SCRAM-SHA-256': credentialSchema, 'SCRAM-SHA-512': credentialSchema }),
  ),
  tokens: z.array(tokenSchema),
});

export type CredentialsData = z.output<typeof fileSchema>;
export type TokenEntry = z.output<typeof tokenSchema>;

export const emptyCredentials = (): CredentialsData => ({ version: 1, users: {}, tokens: [] });

export const principalOf = (user: string): string => `User:${user}`;

/** The credentials file's path for a data directory, unless one is configured. */
export const credentialsPath = (dataDir: string, configured?: string): string =>
  configured ?? join(dataDir, CREDENTIALS_FILE);

/** Reads a credentials file; a missing file holds nobody. A file that does not parse is INVALID_CONFIG naming the file. */
export async function readCredentials(path: string): Promise<CredentialsData> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyCredentials();
    throw error;
  }
  try {
    return fileSchema.parse(JSON.parse(text));
  } catch {
    throw new MiniKafkaError('INVALID_CONFIG', `Cannot read the credentials in ${path}: not a valid credentials file`);
  }
}

/** Replaces the credentials file atomically and durably, readable by its owner only. */
export async function writeCredentials(path: string, data: CredentialsData): Promise<void> {
  const temporary = join(dirname(path), `.${CREDENTIALS_FILE}.${process.pid}.tmp`);
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(data, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  const directory = await open(dirname(path), 'r');
  await directory.sync().finally(() => directory.close());
}

/** `data` with user `name` set to `password` (added or changed). */
export async function withUser(data: CredentialsData, name: string, password: string): Promise<CredentialsData> {
  if (!USER_NAME.test(name))
    throw new MiniKafkaError('INVALID_REQUEST', 'A user name is 1 to 128 of A-Z a-z 0-9 . _ @ -');
  if (password.length < 8) throw new MiniKafkaError('INVALID_REQUEST', 'A password has at least 8 characters');
  const [sha256, sha512] = await Promise.all(SCRAM_MECHANISMS.map((m) => makeScramCredential(m, password)));
  return { ...data, users: { ...data.users, [name]: { 'SCRAM-SHA-256': sha256!, 'SCRAM-SHA-512': sha512! } } };
}

const tokenHash = (salt: Buffer, secret: string): Buffer => createHash('sha256').update(salt).update(secret).digest();

/** A new token for `principal`: the entry to store, and the token, shown once. */
export function makeToken(
  principal: string,
  createdAt: Date,
  description?: string,
): { token: string; entry: TokenEntry } {
  if (!PRINCIPAL_PATTERN.test(principal)) throw new MiniKafkaError('INVALID_REQUEST', 'A principal is User:<name>');
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16);
  return {
    token: `mk_${id}_${secret}`,
    entry: {
      id,
      principal,
      salt: salt.toString('base64'),
      hash: tokenHash(salt, secret).toString('base64'),
      createdAt: createdAt.toISOString(),
      ...(description === undefined ? {} : { description }),
    },
  };
}

/** The broker's view of the credentials file, reloaded when the file changes. */
export class CredentialStore {
  private data: CredentialsData;
  private modified: number;
  private checkedAt = 0;
  private checking: Promise<void> | undefined;
  /** A credential to derive against for unknown users, so that their answer takes as long. */
  private decoy: Promise<ScramCredential> | undefined;

  private constructor(
    private readonly path: string | undefined,
    data: CredentialsData,
    modified: number,
  ) {
    this.data = data;
    this.modified = modified;
  }

  static async open(path: string): Promise<CredentialStore> {
    const modified = await modifiedAt(path);
    return new CredentialStore(path, await readCredentials(path), modified);
  }

  /** A store of fixed credentials (tests, embedding). */
  static of(data: CredentialsData): CredentialStore {
    return new CredentialStore(undefined, data, 0);
  }

  /**
   * Rereads the file when it changed since the last look. Looks at most once a second, unless
   * `force` (a user or token not found: one just added must work at once). A bad file keeps
   * the last good one.
   */
  refresh(force = false, now = Date.now()): Promise<void> {
    if (this.path === undefined || (!force && now - this.checkedAt < RELOAD_CHECK_MS)) return Promise.resolve();
    this.checkedAt = now;
    const path = this.path;
    this.checking ??= (async () => {
      try {
        const modified = await modifiedAt(path);
        if (modified !== this.modified) {
          this.data = await readCredentials(path);
          this.modified = modified;
        }
      } catch {
        // Keep the last good credentials; the file is being replaced or was damaged by hand.
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }

  userNames(): string[] {
    return Object.keys(this.data.users).sort();
  }

  scramCredential(user: string, mechanism: ScramMechanism): ScramCredential | undefined {
    return Object.hasOwn(this.data.users, user) ? this.data.users[user]![mechanism] : undefined;
  }

  /** Whether `password` is user `user`'s; an unknown user takes as long to refuse. */
  async verifyPassword(user: string, password: string): Promise<boolean> {
    await this.refresh();
    if (this.scramCredential(user, 'SCRAM-SHA-512') === undefined) await this.refresh(true);
    const credential = this.scramCredential(user, 'SCRAM-SHA-512');
    if (credential === undefined) {
      this.decoy ??= makeScramCredential('SCRAM-SHA-512', randomBytes(16).toString('hex'));
      await passwordMatches('SCRAM-SHA-512', await this.decoy, password);
      return false;
    }
    return passwordMatches('SCRAM-SHA-512', credential, password);
  }

  /** The principal a token stands for, or undefined for an unknown, revoked or malformed one. */
  async principalForToken(token: string): Promise<string | undefined> {
    const match = TOKEN.exec(token);
    if (match === null) return undefined;
    const [, id, secret] = match as unknown as [string, string, string];
    await this.refresh();
    if (!this.data.tokens.some((candidate) => candidate.id === id)) await this.refresh(true);
    const entry = this.data.tokens.find((candidate) => candidate.id === id);
    if (entry === undefined) return undefined;
    const expected = Buffer.from(entry.hash, 'base64');
    const actual = tokenHash(Buffer.from(entry.salt, 'base64'), secret);
    return expected.length === actual.length && timingSafeEqual(expected, actual) ? entry.principal : undefined;
  }
}

async function modifiedAt(path: string): Promise<number> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return 0;
  }
}
