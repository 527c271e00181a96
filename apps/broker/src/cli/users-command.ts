/**
 * `mini-kafka users add|remove|list`: the users of SASL PLAIN and SCRAM, in the credentials
 * file (credentials-flags.ts). `add` stores only salted SCRAM-SHA-256 and SCRAM-SHA-512
 * credentials of the password (never the password), and changes the password of a user that
 * exists. Offline: a running broker rereads the file within a second.
 */
import { Command } from 'commander';
import { principalOf, readCredentials, withUser } from '../security/credential-store.js';
import type { CliContext } from './cli-context.js';
import { formatJson, formatTable } from './cli-output.js';
import {
  type CredentialsFlags,
  changeCredentials,
  credentialsFileOf,
  withCredentialsFlags,
} from './credentials-flags.js';
import { CommandFailed } from './exit-codes.js';
import { readPassword } from './read-password.js';

export function usersCommand(ctx: CliContext): Command {
  const users = new Command('users').description('add, remove and list the users clients authenticate as (offline)');

  withCredentialsFlags(
    users
      .command('add')
      .description("add a user, or change a user's password (typed twice without echo, or the first line of stdin)")
      .argument('<name>', 'the user name: its principal is User:<name>')
      .option('--password-stdin', 'read the password from the first line of stdin, even at a terminal'),
  ).action(async (name: string, flags: CredentialsFlags & { passwordStdin?: boolean }) => {
    const path = credentialsFileOf(flags);
    const existed = Object.hasOwn((await readCredentials(path)).users, name);
    const password = await readPassword(ctx.stdin, ctx.out, name, flags.passwordStdin === true);
    await changeCredentials(flags, (data) => withUser(data, name, password));
    const verb = existed ? 'Changed the password of' : 'Added';
    ctx.out.stdout(
      flags.json
        ? formatJson({ user: name, principal: principalOf(name), added: !existed })
        : `${verb} user ${name} (${principalOf(name)}) in ${path}\n`,
    );
  });

  withCredentialsFlags(
    users.command('remove').description('remove a user (its tokens stay: revoke them apart)').argument('<name>'),
  ).action(async (name: string, flags: CredentialsFlags) => {
    await changeCredentials(flags, (data) => {
      if (!Object.hasOwn(data.users, name)) throw new CommandFailed(`no user named ${name}`);
      const { [name]: _removed, ...rest } = data.users;
      return { ...data, users: rest };
    });
    ctx.out.stdout(flags.json ? formatJson({ user: name, removed: true }) : `Removed user ${name}\n`);
  });

  withCredentialsFlags(users.command('list').description('list the user names')).action(
    async (flags: CredentialsFlags) => {
      const names = Object.keys((await readCredentials(credentialsFileOf(flags))).users).sort();
      ctx.out.stdout(
        flags.json
          ? formatJson({ users: names.map((name) => ({ user: name, principal: principalOf(name) })) })
          : formatTable(
              ['user', 'principal'],
              names.map((name) => [name, principalOf(name)]),
            ),
      );
    },
  );

  return users;
}
