/**
 * `mini-kafka mirror --to HOST:PORT[,..] (--from-dir DIR | --from HOST:PORT[,..]) [--topics REGEX]
 * [--groups REGEX] [--follow] [--state FILE] [--force]`: copies topics, records and group
 * offsets to a Kafka-protocol cluster (../mirror/mirror.ts). Progress goes to stderr every
 * second; with --follow it runs until SIGINT or SIGTERM, then finishes the batch in flight,
 * writes its state and exits 0. Exit codes as the other commands (exit-codes.ts).
 */
import { Command } from 'commander';
import { ClusterClient } from '../cluster/cluster-client.js';
import { ClusterSource } from '../mirror/cluster-source.js';
import { DirSource } from '../mirror/dir-source.js';
import { runMirror } from '../mirror/mirror.js';
import type { MirrorSource } from '../mirror/mirror-source.js';
import { DEFAULT_STATE_FILE, MirrorState } from '../mirror/mirror-state.js';
import type { CliContext } from './cli-context.js';
import { UsageError } from './exit-codes.js';

interface MirrorFlags {
  to: string;
  fromDir?: string;
  from?: string;
  topics?: string;
  groups?: string;
  follow?: boolean;
  force?: boolean;
  state: string;
}

export function mirrorCommand(ctx: CliContext): Command {
  return new Command('mirror')
    .description(
      'copy topics, records and committed group offsets from a data directory or a broker to a Kafka cluster; resumes where it stopped',
    )
    .requiredOption('--to <servers>', 'the destination cluster: host:port[,host:port...]')
    .option('--from-dir <dir>', "a stopped broker's data directory to copy from")
    .option('--from <servers>', 'a running broker to copy from: host:port[,...] (its Kafka port)')
    .option('--topics <regex>', 'only topics whose whole name matches (default: all)')
    .option('--groups <regex>', 'only groups whose whole id matches (default: all)')
    .option('--follow', 'keep copying new records and offsets until SIGINT or SIGTERM')
    .option('--force', 'append to destination partitions that hold records the state file does not know of')
    .option('--state <file>', 'where the copy keeps its position', DEFAULT_STATE_FILE)
    .action(async (flags: MirrorFlags) => {
      if ((flags.fromDir === undefined) === (flags.from === undefined)) {
        throw new UsageError('give exactly one of --from-dir and --from');
      }
      const topics = pattern(flags.topics, '--topics');
      const groups = pattern(flags.groups, '--groups');
      const state = await MirrorState.load(flags.state);
      const source: MirrorSource =
        flags.fromDir !== undefined
          ? await DirSource.open(flags.fromDir)
          : await ClusterSource.connect({ bootstrapServers: servers(flags.from!) });
      const stop = new AbortController();
      const onSignal = (): void => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const dest = await ClusterClient.connect({
          bootstrapServers: servers(flags.to),
          clientId: 'mini-kafka-mirror',
        });
        try {
          const summary = await runMirror({
            source,
            dest,
            state,
            topics,
            groups,
            follow: flags.follow === true,
            force: flags.force === true,
            signal: stop.signal,
            progress: (line) => ctx.out.stderr(`${line}\n`),
          });
          ctx.out.stdout(
            `mirrored ${summary.topics} topics (${summary.topicsCreated} created), ${summary.recordsCopied} records, ${summary.groupOffsets} group offsets\n`,
          );
        } finally {
          await dest.close();
        }
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await source.close();
      }
    });
}

function servers(list: string): string[] {
  const parsed = list
    .split(',')
    .map((server) => server.trim())
    .filter((server) => server !== '');
  if (parsed.length === 0) throw new UsageError('a server list needs at least one host:port');
  return parsed;
}

function pattern(source: string | undefined, flag: string): RegExp | undefined {
  if (source === undefined) return undefined;
  try {
    return new RegExp(`^(?:${source})$`);
  } catch {
    throw new UsageError(`${flag} is not a regular expression`);
  }
}
