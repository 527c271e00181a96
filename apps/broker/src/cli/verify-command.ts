/** `mini-kafka verify` as a command of the CLI: the offline check of ../verify-command.ts. */
import { Command, Option } from 'commander';
import { runVerify } from '../verify-command.js';
import type { CliContext } from './cli-context.js';

export function verifyCommand(ctx: CliContext): Command {
  return new Command('verify')
    .description(
      'check a data directory offline (framing, CRCs, offsets, indexes, the offsets store); exits 1 when it finds damage',
    )
    .addOption(
      new Option('--data-dir <dir>', 'the data directory to check').env('MINI_KAFKA_DATA_DIR').default('./data'),
    )
    .option('--json', 'print the whole report as JSON')
    .action(async (flags: { dataDir: string; json?: boolean }) => {
      ctx.exitCode = await runVerify(flags.dataDir, flags.json === true, ctx.out);
    });
}
