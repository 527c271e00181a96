/**
 * Runs the built `mini-kafka` command (apps/broker/bin/mini-kafka.js; build the broker first)
 * to make users and API tokens in a credentials file, as an operator would before starting
 * a broker with --auth.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../../apps/broker/bin/mini-kafka.js', import.meta.url));

/** `mini-kafka tokens create --principal <principal>` on `credentialsFile`: the token it prints. */
export async function createToken(credentialsFile: string, principal: string): Promise<string> {
  const { stdout } = await run(process.execPath, [
    BIN,
    'tokens',
    'create',
    '--principal',
    principal,
    '--credentials-file',
    credentialsFile,
  ]);
  return stdout.trim();
}

/** `mini-kafka tokens revoke <token>` on `credentialsFile`. */
export async function revokeToken(credentialsFile: string, token: string): Promise<void> {
  await run(process.execPath, [BIN, 'tokens', 'revoke', token, '--credentials-file', credentialsFile]);
}

/** `mini-kafka users add <name>` on `credentialsFile`, the password on stdin. */
export async function addUser(credentialsFile: string, name: string, password: string): Promise<void> {
  const child = run(process.execPath, [BIN, 'users', 'add', name, '--credentials-file', credentialsFile]);
  child.child.stdin?.end(`${password}\n`);
  await child;
}
