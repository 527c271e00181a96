/**
 * `mini-kafka tokens create|list|revoke`: API tokens for the HTTP API and the SDK (sent as
 * `Authorization: Bearer <token>`), in the credentials file (credentials-flags.ts). `create`
 * prints the token once, alone on stdout so that a script can capture it; the file keeps only
 * a salted hash. `list` shows ids, principals, creation times and descriptions, never a
 * secret. Offline: a running broker rereads the file within a second.
 */
import { Command } from 'commander';
import { makeToken, readCredentials } from '../security/credential-store.js';
import type { CliContext } from './cli-context.js';
import { formatJson, formatTable } from './cli-output.js';
import {
  type CredentialsFlags,
  changeCredentials,
  credentialsFileOf,
  withCredentialsFlags,
} from './credentials-flags.js';
import { CommandFailed, UsageError } from './exit-codes.js';

/** As the credentials file allows. */
const MAX_DESCRIPTION = 200;
const TOKEN_ID = /^[0-9a-f]{16}$/;

export function tokensCommand(ctx: CliContext): Command {
  const tokens = new Command('tokens').description('create, list and revoke API tokens (offline)');

  withCredentialsFlags(
    tokens
      .command('create')
      .description('create a token for a principal and print it (only this once)')
      .requiredOption('--principal <principal>', 'who the token stands for, e.g. User:alice')
      .option('--description <text>', 'what the token is for (shown by tokens list)'),
  ).action(async (flags: CredentialsFlags & { principal: string; description?: string }) => {
    if (flags.description !== undefined && flags.description.length > MAX_DESCRIPTION)
      throw new UsageError(`--description is at most ${MAX_DESCRIPTION} characters`);
    const { token, entry } = makeToken(flags.principal, new Date(), flags.description);
    await changeCredentials(flags, (data) => ({ ...data, tokens: [...data.tokens, entry] }));
    if (flags.json) {
      ctx.out.stdout(formatJson({ ...publicEntry(entry), token }));
      return;
    }
    ctx.out.stdout(`${token}\n`);
    ctx.out.stderr(`Created token ${entry.id} for ${entry.principal}: it is shown only this once.\n`);
  });

  withCredentialsFlags(tokens.command('list').description('list the tokens (never their secrets)')).action(
    async (flags: CredentialsFlags) => {
      const entries = (await readCredentials(credentialsFileOf(flags))).tokens.map(publicEntry);
      ctx.out.stdout(
        flags.json
          ? formatJson({ tokens: entries })
          : formatTable(
              ['id', 'principal', 'created', 'description'],
              entries.map((entry) => [entry.id, entry.principal, entry.createdAt, entry.description]),
            ),
      );
    },
  );

  withCredentialsFlags(
    tokens.command('revoke').description('revoke a token: the broker refuses it within a second').argument('<id>'),
  ).action(async (given: string, flags: CredentialsFlags) => {
    // A whole token names its id too: mk_<id>_<secret>.
    const id = /^mk_([0-9a-f]{16})_/.exec(given)?.[1] ?? given;
    await changeCredentials(flags, (data) => {
      if (!data.tokens.some((entry) => entry.id === id))
        throw new CommandFailed(TOKEN_ID.test(id) ? `no token with id ${id}` : 'no token with that id');
      return { ...data, tokens: data.tokens.filter((entry) => entry.id !== id) };
    });
    ctx.out.stdout(flags.json ? formatJson({ id, revoked: true }) : `Revoked token ${id}\n`);
  });

  return tokens;
}

function publicEntry(entry: { id: string; principal: string; createdAt: string; description?: string | undefined }): {
  id: string;
  principal: string;
  createdAt: string;
  description?: string;
} {
  return {
    id: entry.id,
    principal: entry.principal,
    createdAt: entry.createdAt,
    ...(entry.description !== undefined && { description: entry.description }),
  };
}
