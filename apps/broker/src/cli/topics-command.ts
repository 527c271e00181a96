/**
 * `mini-kafka topics list|create|describe|alter|delete`: topics through the SDK's Admin.
 * Configs go by Kafka's names (`retention.ms`, `segment.bytes`...).
 */
import type { TopicDescription } from '@mini-kafka/client';
import { Command, Option } from 'commander';
import type { CliContext } from './cli-context.js';
import { formatJson, formatTable } from './cli-output.js';
import { type ClientFlags, connect, withClientFlags } from './client-flags.js';
import { UsageError } from './exit-codes.js';
import { integer, keyValue, repeated } from './flag-values.js';

export function topicsCommand(ctx: CliContext): Command {
  const topics = new Command('topics').description('list, create, describe, alter and delete topics');

  withClientFlags(topics.command('list').description('list the topics with their partitions and records')).action(
    async (flags: ClientFlags) => {
      const admin = connect(flags).admin();
      const names = await admin.listTopics();
      const described = await Promise.all(names.map((name) => admin.describeTopic(name)));
      const rows = described.map((topic) => ({
        topic: topic.name,
        partitions: topic.partitions,
        records: recordCount(topic),
        sizeBytes: topic.partitionDetails.reduce((sum, partition) => sum + partition.sizeBytes, 0),
      }));
      ctx.out.stdout(
        flags.json
          ? formatJson({ topics: rows })
          : formatTable(
              ['topic', 'partitions', 'records', 'size bytes'],
              rows.map((row) => [row.topic, row.partitions, row.records, row.sizeBytes]),
            ),
      );
    },
  );

  withClientFlags(
    topics
      .command('create')
      .description('create a topic')
      .argument('<topic>', 'the topic name')
      .addOption(
        new Option(
          '-p, --partitions <n>',
          "number of partitions (default: the broker's --default-partitions)",
        ).argParser(integer(1)),
      )
      .option(
        '-c, --config <name=value>',
        'a topic config under its Kafka name, e.g. retention.ms=60000 (repeatable)',
        keyValue,
      ),
  ).action(async (topic: string, flags: ClientFlags & { partitions?: number; config?: Array<[string, string]> }) => {
    const created = await connect(flags)
      .admin()
      .createTopic(topic, {
        ...(flags.partitions !== undefined && { partitions: flags.partitions }),
        ...(flags.config && { configs: Object.fromEntries(flags.config) }),
      });
    ctx.out.stdout(
      flags.json
        ? formatJson(created)
        : `Created topic ${created.name} with ${created.partitions} partition${created.partitions === 1 ? '' : 's'}\n`,
    );
  });

  withClientFlags(
    topics
      .command('describe')
      .description("show a topic's partitions (offsets, size) and configs")
      .argument('<topic>', 'the topic name'),
  ).action(async (topic: string, flags: ClientFlags) => {
    const admin = connect(flags).admin();
    const [description, { configs }] = await Promise.all([
      admin.describeTopic(topic),
      admin.describeTopicConfigs(topic),
    ]);
    if (flags.json) {
      ctx.out.stdout(formatJson({ ...description, configs }));
      return;
    }
    const partitions = formatTable(
      ['partition', 'log start', 'log end', 'high watermark', 'records', 'size bytes', 'segments', 'state'],
      description.partitionDetails.map((p) => [
        p.partition,
        p.logStartOffset,
        p.logEndOffset,
        p.highWatermark,
        p.logEndOffset - p.logStartOffset,
        p.sizeBytes,
        p.segments,
        p.offline ? 'OFFLINE' : p.damage ? 'DAMAGED' : 'ok',
      ]),
    );
    const configTable = formatTable(
      ['config', 'value', 'source'],
      configs.map((entry) => [entry.name, entry.value, entry.source]),
    );
    ctx.out.stdout(
      `Topic ${description.name} (id ${description.topicId}), ${description.partitions} partition${description.partitions === 1 ? '' : 's'}\n\n${partitions}\n${configTable}`,
    );
  });

  withClientFlags(
    topics
      .command('alter')
      .description("change a topic's configs (live) or grow its partitions")
      .argument('<topic>', 'the topic name')
      .option('-s, --set <name=value>', 'set a config, e.g. retention.ms=60000 (repeatable)', keyValue)
      .option('-d, --delete <name>', 'return a config to the broker default (repeatable)', repeated)
      .addOption(new Option('-p, --partitions <n>', 'grow the topic to this many partitions').argParser(integer(1)))
      .option('--validate-only', 'check the config changes without making them'),
  ).action(
    async (
      topic: string,
      flags: ClientFlags & {
        set?: Array<[string, string]>;
        delete?: string[];
        partitions?: number;
        validateOnly?: boolean;
      },
    ) => {
      if (flags.set === undefined && flags.delete === undefined && flags.partitions === undefined)
        throw new UsageError('nothing to change: give --set, --delete or --partitions');
      const admin = connect(flags).admin();
      let description: TopicDescription | undefined;
      if (flags.partitions !== undefined && flags.validateOnly !== true)
        description = await admin.addPartitions(topic, flags.partitions);
      let configs = (await admin.describeTopicConfigs(topic)).configs;
      if (flags.set !== undefined || flags.delete !== undefined) {
        configs = (
          await admin.alterTopicConfigs(topic, {
            ...(flags.set && { set: Object.fromEntries(flags.set) }),
            ...(flags.delete && { delete: flags.delete }),
            ...(flags.validateOnly === true && { validateOnly: true }),
          })
        ).configs;
      }
      description ??= await admin.describeTopic(topic);
      if (flags.json) {
        ctx.out.stdout(formatJson({ topic, partitions: description.partitions, configs }));
        return;
      }
      const changed = new Set([...(flags.set ?? []).map(([name]) => name), ...(flags.delete ?? [])]);
      const verb = flags.validateOnly === true ? 'Validated' : 'Altered';
      ctx.out.stdout(
        `${verb} topic ${topic}: ${description.partitions} partition${description.partitions === 1 ? '' : 's'}\n` +
          (changed.size === 0
            ? ''
            : formatTable(
                ['config', 'value', 'source'],
                configs
                  .filter((entry) => changed.has(entry.name))
                  .map((entry) => [entry.name, entry.value, entry.source]),
              )),
      );
    },
  );

  withClientFlags(
    topics.command('delete').description('delete a topic and its records').argument('<topic>', 'the topic name'),
  ).action(async (topic: string, flags: ClientFlags) => {
    await connect(flags).admin().deleteTopic(topic);
    ctx.out.stdout(flags.json ? formatJson({ topic, deleted: true }) : `Deleted topic ${topic}\n`);
  });

  return topics;
}

function recordCount(topic: TopicDescription): number {
  return topic.partitionDetails.reduce((sum, p) => sum + Math.max(0, p.logEndOffset - p.logStartOffset), 0);
}
