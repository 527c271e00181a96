/**
 * The `mini-kafka` command tree (commander): `serve` (help only: main.ts starts the broker
 * itself), `topics`, `produce`, `consume`, `groups`, `records`, `verify`, `acls`, `whoami`,
 * `transactions`, `producers`, `mirror`,
 * and the offline `users` and `tokens`. main.ts loads this
 * file only when one of those commands (or --help, --version) is given, so that starting the
 * broker never loads it. Resolves to the exit code (exit-codes.ts).
 */
import { Command, CommanderError } from 'commander';
import { aclsCommand } from './acls-command.js';
import type { CliContext } from './cli-context.js';
import { type CliOutput, processOutput } from './cli-output.js';
import { consumeCommand } from './consume-command.js';
import { EXIT_OK, EXIT_USAGE, reportError } from './exit-codes.js';
import { groupsCommand } from './groups-command.js';
import { mirrorCommand } from './mirror-command.js';
import { produceCommand } from './produce-command.js';
import { recordsCommand } from './records-command.js';
import { addBrokerOptions, serveCommand } from './serve-command.js';
import { tokensCommand } from './tokens-command.js';
import { topicsCommand } from './topics-command.js';
import { producersCommand, transactionsCommand } from './transactions-command.js';
import { usersCommand } from './users-command.js';
import { verifyCommand } from './verify-command.js';
import { whoamiCommand } from './whoami-command.js';

export interface RunCliOptions {
  version: string;
  out?: CliOutput;
  stdin?: NodeJS.ReadableStream;
}

const EXIT_CODES_HELP = `
Exit codes: 0 done; 1 the operation failed (the broker answered an error, e.g. an unknown topic);
2 a usage error; 3 the broker could not be reached or did not answer in time; 4 the broker refused
the client (no valid token: SASL_AUTHENTICATION_FAILED, or no ACL allows it: *_AUTHORIZATION_FAILED).
verify: 0 no damage, 1 damage found, 2 a usage error or an unreadable data directory.

The client commands talk to the broker at --url (env MINI_KAFKA_URL, default http://127.0.0.1:8000),
with an API token from --token (env MINI_KAFKA_TOKEN) when the broker has authentication on.
users and tokens edit the credentials file offline; the broker rereads it within a second.`;

export function buildProgram(ctx: CliContext, version: string): Command {
  const program = new Command('mini-kafka')
    .description('A Kafka-style message broker: start it (serve, the default), or talk to one')
    .usage('[serve] [broker options] | <command> [options]')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .exitOverride()
    .configureOutput({ writeOut: (text) => ctx.out.stdout(text), writeErr: (text) => ctx.out.stderr(text) })
    .showHelpAfterError('(add --help for more)')
    .showSuggestionAfterError();
  // The broker's options, shown in the help of the program itself since `mini-kafka --port 0` starts it.
  const brokerOptions = new Command('mini-kafka');
  addBrokerOptions(brokerOptions);
  program.addHelpText('after', () => {
    const help = brokerOptions.createHelp();
    const width = help.longestOptionTermLength(brokerOptions, help);
    const lines = help
      .visibleOptions(brokerOptions)
      .filter((option) => option.long !== '--help')
      .map((option) => help.formatItem(help.optionTerm(option), width, help.optionDescription(option), help));
    return `\nBroker options (mini-kafka [serve] [options]):\n${lines.join('\n')}\n${EXIT_CODES_HELP}`;
  });
  for (const command of [
    serveCommand(),
    topicsCommand(ctx),
    produceCommand(ctx),
    consumeCommand(ctx),
    groupsCommand(ctx),
    recordsCommand(ctx),
    verifyCommand(ctx),
    aclsCommand(ctx),
    whoamiCommand(ctx),
    transactionsCommand(ctx),
    producersCommand(ctx),
    usersCommand(ctx),
    tokensCommand(ctx),
    mirrorCommand(ctx),
  ]) {
    program.addCommand(command);
  }
  applyToAll(program, (command) =>
    command
      .exitOverride()
      .configureOutput({ writeOut: (text) => ctx.out.stdout(text), writeErr: (text) => ctx.out.stderr(text) })
      .showHelpAfterError('(add --help for more)'),
  );
  return program;
}

export async function runCli(argv: readonly string[], options: RunCliOptions): Promise<number> {
  const ctx: CliContext = {
    out: options.out ?? processOutput,
    stdin: options.stdin ?? process.stdin,
    exitCode: EXIT_OK,
  };
  const program = buildProgram(ctx, options.version);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const shown = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code);
      return shown ? EXIT_OK : EXIT_USAGE;
    }
    return reportError(error, commandName(program, argv), ctx.out);
  }
  return ctx.exitCode;
}

function applyToAll(command: Command, apply: (command: Command) => void): void {
  apply(command);
  for (const sub of command.commands) applyToAll(sub, apply);
}

/** `topics describe` of `topics describe orders --json`: the command words that lead `argv`. */
function commandName(program: Command, argv: readonly string[]): string {
  const words: string[] = [];
  let command = program;
  for (const arg of argv) {
    const sub = command.commands.find((candidate) => candidate.name() === arg);
    if (sub === undefined) break;
    words.push(arg);
    command = sub;
  }
  return words.join(' ');
}
