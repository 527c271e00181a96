/** `mini-kafka whoami`: the principal the broker takes the client for (with its --token or certificate). */
import { Command } from 'commander';
import type { CliContext } from './cli-context.js';
import { formatJson } from './cli-output.js';
import { type ClientFlags, connect, withClientFlags } from './client-flags.js';

export function whoamiCommand(ctx: CliContext): Command {
  return withClientFlags(
    new Command('whoami').description('show the principal the broker takes this client for'),
  ).action(async (flags: ClientFlags) => {
    const me = await connect(flags).admin().whoami();
    const traits = [me.authenticated ? 'authenticated' : 'not authenticated', ...(me.superUser ? ['super user'] : [])];
    ctx.out.stdout(flags.json ? formatJson(me) : `${me.principal} (${traits.join(', ')})\n`);
  });
}
