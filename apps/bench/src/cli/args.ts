/**
 * The flags of `pnpm bench`. Parsing is pure: it gets the argument list and the scenario
 * names, and returns the options or throws an `ArgsError` whose message is meant for the user.
 */

export interface BenchArgs {
  /** Reduced counts and one round: a smoke run under a minute, labelled as such everywhere. */
  quick: boolean;
  /** Scenario names to run; undefined = all. */
  only: string[] | undefined;
  /** Rounds of each scenario (the figures are their medians). */
  rounds: number;
  /** Rewrite the README's Performance section from this run. */
  writeReadme: boolean;
  help: boolean;
}

export class ArgsError extends Error {}

export const DEFAULT_ROUNDS = 3;
export const QUICK_ROUNDS = 1;
const MAX_ROUNDS = 99;

export function usage(scenarios: readonly string[]): string {
  return [
    'Usage: pnpm bench [--quick] [--only=<scenario,...>] [--rounds=N] [--write-readme]',
    '',
    `  --quick          reduced counts, ${QUICK_ROUNDS} round: under a minute, figures only indicative`,
    '  --only=a,b       run only these scenarios',
    `  --rounds=N       rounds per scenario, figures are their medians (default ${DEFAULT_ROUNDS}, ${QUICK_ROUNDS} with --quick)`,
    "  --write-readme   rewrite the README's Performance section (a full run of every scenario only)",
    '',
    `Scenarios: ${scenarios.join(', ')}`,
  ].join('\n');
}

/** Parses `argv` (without node and the script; a lone `--` from pnpm is ignored). */
export function parseArgs(argv: readonly string[], scenarios: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, only: undefined, rounds: 0, writeReadme: false, help: false };
  let rounds: number | undefined;
  for (const arg of argv) {
    if (arg === '--') continue;
    if (arg === '--quick') args.quick = true;
    else if (arg === '--write-readme') args.writeReadme = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg.startsWith('--only=')) args.only = parseOnly(arg.slice('--only='.length), scenarios);
    else if (arg.startsWith('--rounds=')) rounds = parseRounds(arg.slice('--rounds='.length));
    else throw new ArgsError(`unknown argument "${arg}"`);
  }
  args.rounds = rounds ?? (args.quick ? QUICK_ROUNDS : DEFAULT_ROUNDS);
  if (args.writeReadme && (args.quick || args.only !== undefined)) {
    throw new ArgsError('--write-readme needs a full run: every scenario, without --quick');
  }
  return args;
}

function parseOnly(text: string, scenarios: readonly string[]): string[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new ArgsError('--only needs at least one scenario name');
  const unknown = names.filter((name) => !scenarios.includes(name));
  if (unknown.length > 0) {
    throw new ArgsError(
      `unknown scenario ${unknown.map((name) => `"${name}"`).join(', ')}; known: ${scenarios.join(', ')}`,
    );
  }
  return [...new Set(names)];
}

function parseRounds(text: string): number {
  const rounds = Number(text);
  if (!Number.isSafeInteger(rounds) || rounds < 1 || rounds > MAX_ROUNDS) {
    throw new ArgsError(`--rounds must be a whole number from 1 to ${MAX_ROUNDS}, not "${text}"`);
  }
  return rounds;
}
