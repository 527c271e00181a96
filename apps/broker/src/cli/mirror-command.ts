/**
 * `mini-kafka mirror --to HOST:PORT[,..] (--from-dir DIR | --from HOST:PORT[,..]) [--topics REGEX]
 * [--groups REGEX] [--follow] [--state FILE] [--force] [--to-security-protocol P --to-sasl-mechanism M
 * --to-sasl-username U --to-ca-file F]`: copies topics, records and group
 * offsets to a Kafka-protocol cluster (../mirror/mirror.ts). Progress goes to stderr every
 * second; with --follow it runs until SIGINT or SIGTERM, then finishes the batch in flight,
 * writes its state and exits 0. Exit codes as the other commands (exit-codes.ts).
 */
import { Command, Option } from 'commander';
import { ClusterClient } from '../cluster/cluster-client.js';
import type { BrokerConfig } from '../config/broker-config.js';
import { clusterConnection } from '../gateway/gateway.js';
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
  toSecurityProtocol: BrokerConfig['clusterSecurityProtocol'];
  toSaslMechanism: BrokerConfig['clusterSaslMechanism'];
  toSaslUsername?: string;
  toCaFile?: string;
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
    .addOption(
      new Option('--to-security-protocol <protocol>', 'how to connect to the destination')
        .choices(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'])
        .default('PLAINTEXT'),
    )
    .addOption(
      new Option('--to-sasl-mechanism <mechanism>', 'SASL mechanism for the destination')
        .choices(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'])
        .default('SCRAM-SHA-512'),
    )
    .option(
      '--to-sasl-username <user>',
      'SASL user for the destination (its password: MINI_KAFKA_MIRROR_SASL_PASSWORD)',
    )
    .option('--to-ca-file <file>', "CA certificates (PEM) the destination's TLS certificates must chain to")
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
        const sasl = flags.toSecurityProtocol.startsWith('SASL_');
        if (sasl && (flags.toSaslUsername === undefined || process.env.MINI_KAFKA_MIRROR_SASL_PASSWORD === undefined)) {
          throw new UsageError(
            `--to-security-protocol ${flags.toSecurityProtocol} needs --to-sasl-username and MINI_KAFKA_MIRROR_SASL_PASSWORD`,
          );
        }
        // The destination's TLS and SASL, read as a gateway reads its cluster's (the password only from the environment).
        const security = await clusterConnection({
          clusterSecurityProtocol: flags.toSecurityProtocol,
          clusterSaslMechanism: flags.toSaslMechanism,
          clusterSaslUsername: flags.toSaslUsername,
          clusterSaslPassword: process.env.MINI_KAFKA_MIRROR_SASL_PASSWORD,
          clusterCaFile: flags.toCaFile,
        } as BrokerConfig);
        const dest = await ClusterClient.connect({
          bootstrapServers: servers(flags.to),
          clientId: 'mini-kafka-mirror',
          ...security,
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
