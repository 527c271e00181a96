/** `mini-kafka records delete <topic> --before N`: Kafka's DeleteRecords through the SDK's Admin. */
import { Command, Option } from 'commander';
import type { CliContext } from './cli-context.js';
import { formatJson, formatTable } from './cli-output.js';
import { type ClientFlags, connect, withClientFlags } from './client-flags.js';
import { integer } from './flag-values.js';

export function recordsCommand(ctx: CliContext): Command {
  const records = new Command('records').description('delete the records of a topic before an offset');

  withClientFlags(
    records
      .command('delete')
      .description('delete the records before an offset (the log start moves there)')
      .argument('<topic>', 'the topic name')
      .addOption(
        new Option('--before <offset>', 'delete the records before this offset; -1 deletes them all')
          .argParser(integer(-1))
          .makeOptionMandatory(),
      )
      .addOption(
        new Option('-p, --partition <n>', 'only this partition (default: every partition)').argParser(integer(0)),
      ),
  ).action(async (topic: string, flags: ClientFlags & { before: number; partition?: number }) => {
    const admin = connect(flags).admin();
    const partitions =
      flags.partition !== undefined
        ? [flags.partition]
        : (await admin.describeTopic(topic)).partitionDetails.map((detail) => detail.partition);
    const deleted = await admin.deleteTopicRecords({
      topic,
      partitions: partitions.map((partition) => ({ partition, offset: flags.before })),
    });
    ctx.out.stdout(
      flags.json
        ? formatJson({
            topic,
            partitions: deleted.map(({ partition, logStartOffset }) => ({ partition, logStartOffset })),
          })
        : formatTable(
            ['topic', 'partition', 'log start'],
            deleted.map((entry) => [entry.topic, entry.partition, entry.logStartOffset]),
          ),
    );
  });

  return records;
}
