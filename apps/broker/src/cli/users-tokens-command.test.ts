/**
 * `mini-kafka users` and `mini-kafka tokens`, through the built binary, on real files: what
 * they write (mode 0600, salted credentials, no password, no token secret), that the
 * broker's CredentialStore accepts what they made, and their exit codes.
 */
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TempDirs } from '@mini-kafka/testing';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { CredentialStore, readCredentials } from '../security/credential-store.js';
import { BIN, runMiniKafka } from './testing/run-binary.js';

const dirs = new TempDirs();
let dataDir: string;
let file: string;
let at: string[];

beforeEach(async () => {
  dataDir = await dirs.make('mini-kafka-credentials-');
  file = join(dataDir, 'credentials.json');
  at = ['--data-dir', dataDir];
});
afterAll(() => dirs.cleanup());

const PASSWORD = 'correct horse battery';

describe('mini-kafka users', () => {
  it('adds a user from stdin: mode 0600, SCRAM credentials only, the password checks', async () => {
    const added = await runMiniKafka(['users', 'add', 'alice', ...at], { stdin: `${PASSWORD}\n` });
    expect(added).toEqual({ code: 0, stdout: `Added user alice (User:alice) in ${file}\n`, stderr: '' });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(Object.keys((await readCredentials(file)).users.alice!)).toEqual(['SCRAM-SHA-256', 'SCRAM-SHA-512']);
    const store = await CredentialStore.open(file);
    expect(await store.verifyPassword('alice', PASSWORD)).toBe(true);
    expect(await store.verifyPassword('alice', 'another password')).toBe(false);
  });

  it('changes the password of a user that exists, with --password-stdin and --credentials-file', async () => {
    const elsewhere = join(dataDir, 'elsewhere.json');
    await runMiniKafka(['users', 'add', 'bob', '--credentials-file', elsewhere], { stdin: 'first password\n' });
    const changed = await runMiniKafka(['users', 'add', 'bob', '--password-stdin', '--credentials-file', elsewhere], {
      stdin: 'second password\r\nignored line\n',
    });
    expect(changed.stdout).toBe(`Changed the password of user bob (User:bob) in ${elsewhere}\n`);
    const store = await CredentialStore.open(elsewhere);
    expect(await store.verifyPassword('bob', 'second password')).toBe(true);
    expect(await store.verifyPassword('bob', 'first password')).toBe(false);
  });

  it('reads the data directory from MINI_KAFKA_DATA_DIR, and creates it', async () => {
    const fresh = join(dataDir, 'not-yet');
    const added = await runMiniKafka(['users', 'add', 'carol'], {
      stdin: `${PASSWORD}\n`,
      env: { MINI_KAFKA_DATA_DIR: fresh },
    });
    expect(added.code).toBe(0);
    expect(Object.keys((await readCredentials(join(fresh, 'credentials.json'))).users)).toEqual(['carol']);
  });

  it('lists names only, removes, and exits 1 for a user that is not there', async () => {
    for (const name of ['zoe', 'alice']) await runMiniKafka(['users', 'add', name, ...at], { stdin: `${PASSWORD}\n` });
    const list = await runMiniKafka(['users', 'list', ...at]);
    expect(list).toEqual({ code: 0, stdout: 'USER   PRINCIPAL\nalice  User:alice\nzoe    User:zoe\n', stderr: '' });
    const json = JSON.parse((await runMiniKafka(['users', 'list', '--json', ...at])).stdout);
    expect(json).toEqual({
      users: [
        { user: 'alice', principal: 'User:alice' },
        { user: 'zoe', principal: 'User:zoe' },
      ],
    });
    expect(await runMiniKafka(['users', 'remove', 'zoe', ...at])).toEqual({
      code: 0,
      stdout: 'Removed user zoe\n',
      stderr: '',
    });
    expect(await runMiniKafka(['users', 'remove', 'zoe', ...at])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'mini-kafka users remove: no user named zoe\n',
    });
    expect(Object.keys((await readCredentials(file)).users)).toEqual(['alice']);
  });

  it('refuses a short password, an empty stdin and a bad name, without writing the file or echoing the password', async () => {
    const short = await runMiniKafka(['users', 'add', 'dave', ...at], { stdin: 'short\n' });
    expect(short.code).toBe(1);
    expect(short.stderr).toBe('mini-kafka users add: INVALID_REQUEST: A password has at least 8 characters\n');
    const empty = await runMiniKafka(['users', 'add', 'dave', ...at], { stdin: '' });
    expect(empty).toEqual({ code: 1, stdout: '', stderr: 'mini-kafka users add: no password on stdin\n' });
    const badName = await runMiniKafka(['users', 'add', 'no spaces', ...at], { stdin: `${PASSWORD}\n` });
    expect(badName.code).toBe(1);
    expect(badName.stderr).toContain('A user name is 1 to 128 of');
    expect(badName.stderr + badName.stdout).not.toContain(PASSWORD);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

/** Runs its arguments on a pseudo-terminal, relaying stdin and stdout, and exits with their exit code. */
const PTY_RUN = 'import os, pty, sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))';

/**
 * Runs `mini-kafka users add <name>` on a terminal (Python's pty module gives it one),
 * typing each of `answers` once its prompt shows; resolves with the exit code and all the
 * terminal showed.
 */
function addAtTerminal(name: string, answers: readonly string[]): Promise<{ code: number | null; screen: string }> {
  const child = spawn(
    '/usr/bin/python3',
    ['-c', PTY_RUN, process.execPath, BIN, 'users', 'add', name, '--data-dir', dataDir],
    { stdio: 'pipe' },
  );
  const prompts = [`Password for ${name}: `, 'Again: '];
  let screen = '';
  let typed = 0;
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    screen += text;
    while (typed < answers.length && screen.includes(prompts[typed]!)) {
      // A person takes a moment to type. Typed within a millisecond of the prompt, the first
      // keys may reach the terminal before it leaves echo mode (seen under load in 1 run of 6).
      const answer = answers[typed]!;
      setTimeout(() => child.stdin.write(`${answer}\r`), 100);
      typed++;
    }
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, screen }));
  });
}

describe('mini-kafka users add at a terminal', () => {
  it('asks twice without echoing the password', async () => {
    const { code, screen } = await addAtTerminal('erin', [PASSWORD, PASSWORD]);
    expect(code).toBe(0);
    expect(screen).toContain('Password for erin: ');
    expect(screen).toContain('Again: ');
    expect(screen).toContain('Added user erin (User:erin)');
    expect(screen).not.toContain(PASSWORD);
    expect(await (await CredentialStore.open(file)).verifyPassword('erin', PASSWORD)).toBe(true);
  });

  it('exits 1 and writes nothing when the two passwords differ', async () => {
    const { code, screen } = await addAtTerminal('frank', [PASSWORD, 'something else']);
    expect(code).toBe(1);
    expect(screen).toContain('mini-kafka users add: the two passwords differ');
    expect(screen).not.toContain(PASSWORD);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('mini-kafka tokens', () => {
  it('creates a token printed once, alone on stdout, which the broker maps to its principal', async () => {
    const created = await runMiniKafka([
      'tokens',
      'create',
      '--principal',
      'User:alice',
      '--description',
      'billing job',
      ...at,
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^mk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}\n$/);
    const token = created.stdout.trim();
    const id = token.slice(3, 19);
    expect(created.stderr).toBe(`Created token ${id} for User:alice: it is shown only this once.\n`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(token.slice(20));
    const store = await CredentialStore.open(file);
    expect(await store.principalForToken(token)).toBe('User:alice');
    expect(await store.principalForToken(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();

    const list = await runMiniKafka(['tokens', 'list', ...at]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      new RegExp(`^ID\\s+PRINCIPAL\\s+CREATED\\s+DESCRIPTION\\n${id}\\s+User:alice\\s+\\S+Z\\s+billing job\\n$`),
    );
    expect(list.stdout).not.toContain(token.slice(20));
    const json = JSON.parse((await runMiniKafka(['tokens', 'list', '--json', ...at])).stdout);
    expect(json).toEqual({
      tokens: [{ id, principal: 'User:alice', createdAt: expect.any(String), description: 'billing job' }],
    });
  });

  it('creates with --json, revokes by id or whole token, and the revoked one maps to nobody', async () => {
    const first = JSON.parse(
      (await runMiniKafka(['tokens', 'create', '--principal', 'User:svc', '--json', ...at])).stdout,
    );
    expect(first).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      principal: 'User:svc',
      createdAt: expect.any(String),
      token: expect.stringMatching(/^mk_/),
    });
    const second = (await runMiniKafka(['tokens', 'create', '--principal', 'User:svc', ...at])).stdout.trim();

    expect(await runMiniKafka(['tokens', 'revoke', first.id, ...at])).toEqual({
      code: 0,
      stdout: `Revoked token ${first.id}\n`,
      stderr: '',
    });
    const revokedByToken = await runMiniKafka(['tokens', 'revoke', second, ...at]);
    expect(revokedByToken.stdout).toBe(`Revoked token ${second.slice(3, 19)}\n`);
    const store = await CredentialStore.open(file);
    expect(await store.principalForToken(first.token)).toBeUndefined();
    expect(await store.principalForToken(second)).toBeUndefined();

    expect(await runMiniKafka(['tokens', 'revoke', first.id, ...at])).toEqual({
      code: 1,
      stdout: '',
      stderr: `mini-kafka tokens revoke: no token with id ${first.id}\n`,
    });
  });

  it('refuses a principal that is not User:<name> (exit 1) and a missing one (exit 2)', async () => {
    const bad = await runMiniKafka(['tokens', 'create', '--principal', 'alice', ...at]);
    expect(bad).toEqual({
      code: 1,
      stdout: '',
      stderr: 'mini-kafka tokens create: INVALID_REQUEST: A principal is User:<name>\n',
    });
    expect((await runMiniKafka(['tokens', 'create', ...at])).code).toBe(2);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps users and tokens side by side in one file', async () => {
    await runMiniKafka(['users', 'add', 'alice', ...at], { stdin: `${PASSWORD}\n` });
    const token = (await runMiniKafka(['tokens', 'create', '--principal', 'User:alice', ...at])).stdout.trim();
    await runMiniKafka(['users', 'add', 'bob', ...at], { stdin: `${PASSWORD}\n` });
    const store = await CredentialStore.open(file);
    expect(store.userNames()).toEqual(['alice', 'bob']);
    expect(await store.principalForToken(token)).toBe('User:alice');
  });
});
