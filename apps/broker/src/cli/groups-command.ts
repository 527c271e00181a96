/**
 * `mini-kafka groups list|describe|reset-offsets|delete`: consumer groups through the SDK's
 * Admin. `reset-offsets --to` takes earliest, latest, an offset or a time, as Kafka's
 * kafka-consumer-groups --reset-offsets --to-earliest|--to-latest|--to-offset|--to-datetime.
 */
import type { ResetOffsetsOptions } from '@mini-kafka/client';
import { Command, Option } from 'commander';
import type { CliContext } from './cli-context.js';
import { formatJson, formatTable } from './cli-output.js';
import { type ClientFlags, connect, withClientFlags } from './client-flags.js';
import { UsageError } from './exit-codes.js';
import { integer, repeated } from './flag-values.js';

export function groupsCommand(ctx: CliContext): Command {
  const groups = new Command('groups').description('list, describe, reset the offsets of and delete consumer groups');

  withClientFlags(
    groups
      .command('list')
      .description('list the consumer groups with their state and members')
      .option(
        '--state <state>',
        'only groups in this state: Stable, Empty, PreparingRebalance... (repeatable)',
        repeated,
      ),
  ).action(async (flags: ClientFlags & { state?: string[] }) => {
    const { groups: list } = await connect(flags)
      .admin()
      .listGroups({ ...(flags.state && { states: flags.state }) });
    ctx.out.stdout(
      flags.json
        ? formatJson({ groups: list })
        : formatTable(
            ['group', 'state', 'members', 'protocol type'],
            list.map((group) => [group.groupId, group.state, group.members, group.protocolType]),
          ),
    );
  });

  withClientFlags(
    groups
      .command('describe')
      .description("show a group's state, members with their partitions, and committed offsets with lag")
      .argument('<group>', 'the group id'),
  ).action(async (groupId: string, flags: ClientFlags) => {
    const group = await connect(flags).admin().describeGroup(groupId);
    if (flags.json) {
      ctx.out.stdout(formatJson(group));
      return;
    }
    const members = formatTable(
      ['member', 'client', 'partitions'],
      group.members.map((member) => [
        member.memberId,
        member.clientId,
        member.assignment.map(({ topic, partition }) => `${topic}-${partition}`).join(',') || '-',
      ]),
    );
    const offsets = formatTable(
      ['topic', 'partition', 'committed', 'log end', 'lag'],
      group.offsets.map((entry) => [entry.topic, entry.partition, entry.committed, entry.logEndOffset, entry.lag]),
    );
    ctx.out.stdout(
      `Group ${group.groupId}: ${group.state}, generation ${group.generationId}, ${group.members.length} member${group.members.length === 1 ? '' : 's'}\n\n${members}\n${offsets}`,
    );
  });

  withClientFlags(
    groups
      .command('reset-offsets')
      .description("move a group's committed offsets of a topic (the group must have no members)")
      .argument('<group>', 'the group id')
      .requiredOption('-t, --topic <topic>', 'the topic whose offsets move')
      .addOption(
        new Option('-p, --partition <n>', 'only this partition (default: every partition)').argParser(integer(0)),
      )
      .requiredOption(
        '--to <target>',
        'earliest, latest, an offset, or an ISO 8601 time (the first record at or after it)',
      ),
  ).action(async (groupId: string, flags: ClientFlags & { topic: string; partition?: number; to: string }) => {
    const offsets = await connect(flags)
      .admin()
      .resetOffsets({
        groupId,
        topic: flags.topic,
        ...(flags.partition !== undefined && { partition: flags.partition }),
        to: resetTarget(flags.to),
      });
    ctx.out.stdout(
      flags.json
        ? formatJson({ groupId, offsets })
        : formatTable(
            ['topic', 'partition', 'committed'],
            offsets.map((entry) => [entry.topic, entry.partition, entry.offset]),
          ),
    );
  });

  withClientFlags(
    groups
      .command('delete')
      .description('delete a group and its committed offsets (the group must have no members)')
      .argument('<group>', 'the group id'),
  ).action(async (groupId: string, flags: ClientFlags) => {
    await connect(flags).admin().deleteGroup(groupId);
    ctx.out.stdout(flags.json ? formatJson({ groupId, deleted: true }) : `Deleted group ${groupId}\n`);
  });

  return groups;
}

function resetTarget(to: string): NonNullable<ResetOffsetsOptions['to']> {
  if (to === 'earliest' || to === 'latest') return to;
  if (/^\d+$/.test(to)) return { offset: Number(to) };
  const timestamp = Date.parse(to);
  if (Number.isFinite(timestamp)) return { timestamp };
  throw new UsageError(`--to takes earliest, latest, an offset or an ISO 8601 time, not "${to}"`);
}
