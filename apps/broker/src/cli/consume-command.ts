/**
 * `mini-kafka consume <topic>`: prints records, as a member of a group (`--group`, which
 * commits) or from an offset or a time (no group, nothing committed; default: every
 * partition from the earliest offset). Ends at the end of the log unless `--follow`, which
 * keeps waiting until Ctrl-C (SIGINT) or SIGTERM; then it stops cleanly (a group member
 * commits and leaves the group) and exits 0.
 */
import { Command, Option } from 'commander';
import type { CliContext } from './cli-context.js';
import { type ClientFlags, connect, withClientFlags } from './client-flags.js';
import { readAsGroup } from './consume-group.js';
import { readPartitions, type StartAt } from './consume-partitions.js';
import { UsageError } from './exit-codes.js';
import { integer, time } from './flag-values.js';
import { formatRecord, type RecordFormat } from './record-format.js';

interface ConsumeFlags extends ClientFlags {
  group?: string;
  reset: 'earliest' | 'latest';
  partition?: number;
  offset?: string;
  fromTime?: number;
  follow?: boolean;
  format: RecordFormat;
  maxMessages?: number;
  printKey?: boolean;
  keySeparator: string;
}

export function consumeCommand(ctx: CliContext): Command {
  return withClientFlags(
    new Command('consume')
      .description('print the records of a topic, as a group member or from an offset or a time')
      .argument('<topic>', 'the topic name')
      .option('-g, --group <group>', 'read as a member of this consumer group, committing what is printed')
      .addOption(
        new Option('--reset <where>', 'with --group: where a group with no committed offset starts')
          .choices(['earliest', 'latest'])
          .default('earliest'),
      )
      .addOption(
        new Option('-p, --partition <n>', 'read only this partition (default: every partition)').argParser(integer(0)),
      )
      .option('-o, --offset <offset>', 'start at this offset, or at earliest or latest (default: earliest)')
      .addOption(
        new Option('--from-time <time>', 'start at the first record at or after this ISO 8601 time').argParser(time),
      )
      .option('-F, --follow', 'keep waiting for new records until interrupted (default: exit at the end of the log)')
      .addOption(
        new Option('--format <format>', 'text: the value of each record on a line; json: one JSON object per line')
          .choices(['text', 'json'])
          .default('text'),
      )
      .addOption(new Option('-n, --max-messages <n>', 'stop after this many records').argParser(integer(1)))
      .option('--print-key', 'text format: print the key and --key-separator before each value')
      .option('--key-separator <sep>', 'text format: what separates the key from the value', '\t'),
    { json: false },
  )
    .option('--json', 'the same as --format json')
    .action(async (topic: string, flags: ConsumeFlags & { json?: boolean }) => {
      if (
        flags.group !== undefined &&
        (flags.partition !== undefined || flags.offset !== undefined || flags.fromTime !== undefined)
      )
        throw new UsageError(
          "--group reads from the group's committed offsets: it takes no --partition, --offset or --from-time",
        );
      if (flags.offset !== undefined && flags.fromTime !== undefined)
        throw new UsageError('give --offset or --from-time, not both');
      const format: RecordFormat = flags.json === true ? 'json' : flags.format;
      const print = (record: Parameters<typeof formatRecord>[0]) =>
        ctx.out.stdout(
          formatRecord(record, { format, printKey: flags.printKey === true, keySeparator: flags.keySeparator }),
        );
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const kafka = connect(flags);
      const common = {
        topic,
        follow: flags.follow === true,
        signal: stop.signal,
        ...(flags.maxMessages !== undefined && { maxMessages: flags.maxMessages }),
      };
      try {
        if (flags.group !== undefined) {
          const consumer = kafka.consumer({ groupId: flags.group, autoOffsetReset: flags.reset });
          await readAsGroup(consumer, common, print);
        } else {
          await readPartitions(
            kafka.admin(),
            kafka.partitionReader(),
            {
              ...common,
              ...(flags.partition !== undefined && { partition: flags.partition }),
              start: startAt(flags),
            },
            print,
          );
        }
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

function startAt(flags: ConsumeFlags): StartAt {
  if (flags.fromTime !== undefined) return { timestamp: flags.fromTime };
  const offset = flags.offset ?? 'earliest';
  if (offset === 'earliest' || offset === 'latest') return offset;
  if (/^\d+$/.test(offset)) return { offset: Number(offset) };
  throw new UsageError(`--offset takes an offset, earliest or latest, not "${offset}"`);
}
