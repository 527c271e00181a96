/**
 * `mini-kafka mirror`: moves a Mini Kafka's topics, records and group offsets to a Kafka
 * cluster (mirror/mirror.ts). The source is a broker's Kafka listener (`--from`), or a data
 * directory (`--from-dir`, the broker stopped: it is opened here, read only through a
 * private Kafka listener on 127.0.0.1, and never written but for what opening recovers).
 * Progress goes to stderr once a second; SIGINT or SIGTERM ends a `--follow` run after the
 * batch in flight, state saved, exit 0. Run it again to resume.
 */
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { Broker } from '../broker.js';
import { ClusterClient } from '../cluster/cluster-client.js';
import type { BrokerConfig } from '../config/broker-config.js';
import { clusterConnection } from '../gateway/gateway.js';
import { type MirrorProgress, runMirror } from '../mirror/mirror.js';
import { MirrorState } from '../mirror/mirror-state.js';
import type { CliContext } from './cli-context.js';
import { EXIT_OK, reportError, UsageError } from './exit-codes.js';

interface MirrorFlags {
  to: string;
  from?: string;
  fromDir?: string;
  topics: string;
  groups: string;
  follow?: boolean;
  state: string;
  toSecurityProtocol: BrokerConfig['clusterSecurityProtocol'];
  toSaslMechanism: BrokerConfig['clusterSaslMechanism'];
  toSaslUsername?: string;
  toCaFile?: string;
}

const n = (value: number): string => value.toLocaleString('en-US');

export function describeProgress(p: MirrorProgress): string {
  return (
    `mirror: ${n(p.topics)} topics, ${n(p.partitions)} partitions: ${n(p.copied)} records copied, ${n(p.behind)} behind; ` +
    `${n(p.groups)} groups, ${n(p.offsetsCommitted)} offsets committed${p.done ? ' (done)' : ''}\n`
  );
}

function pattern(text: string, flag: string): RegExp {
  try {
    return new RegExp(`^(?:${text})$`);
  } catch {
    throw new UsageError(`${flag} "${text}" is not a regular expression`);
  }
}

export function mirrorCommand(ctx: CliContext): Command {
  return new Command('mirror')
    .description('copy topics, records and group offsets to a Kafka cluster (resumable; --follow until cut-over)')
    .requiredOption('--to <servers>', 'the destination cluster: host:port[,host:port...]')
    .option('--from <servers>', "the source broker's Kafka listener: host:port")
    .option('--from-dir <dir>', 'the source data directory (its broker stopped)')
    .option('--topics <regex>', 'topics to copy (a regular expression matched against the whole name)', '.*')
    .option('--groups <regex>', 'groups whose committed offsets to copy', '.*')
    .option('--follow', 'keep copying new records and offsets until SIGINT or SIGTERM')
    .option('--state <file>', 'where the copy remembers how far it got', './mini-kafka-mirror-state.json')
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
    .option('--to-sasl-username <user>', 'SASL user for the destination (password: MINI_KAFKA_MIRROR_SASL_PASSWORD)')
    .option('--to-ca-file <file>', "CA certificates (PEM) for the destination's TLS")
    .action(async (flags: MirrorFlags) => {
      ctx.exitCode = await runMirrorCommand(flags, ctx);
    });
}

async function runMirrorCommand(flags: MirrorFlags, ctx: CliContext): Promise<number> {
  let broker: Broker | undefined;
  let source: ClusterClient | undefined;
  let destination: ClusterClient | undefined;
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  try {
    if ((flags.from === undefined) === (flags.fromDir === undefined)) {
      throw new UsageError('give the source as --from host:port or --from-dir DIR (one of them)');
    }
    const topics = pattern(flags.topics, '--topics');
    const groups = pattern(flags.groups, '--groups');
    const to = flags.to.split(',').map((server) => server.trim());
    let from = flags.from?.split(',').map((server) => server.trim()) ?? [];
    if (flags.fromDir !== undefined) {
      const { createBroker } = await import('../broker.js');
      broker = await createBroker({
        dataDir: flags.fromDir,
        host: '127.0.0.1',
        port: 0,
        kafkaPort: 0,
        logLevel: 'silent',
        scrubOnStart: false,
        retentionCheckIntervalMs: 0,
      });
      from = [broker.kafkaBootstrap!];
    }
    const connection = await clusterConnection({
      clusterSecurityProtocol: flags.toSecurityProtocol,
      clusterSaslMechanism: flags.toSaslMechanism,
      clusterSaslUsername: flags.toSaslUsername,
      clusterSaslPassword: process.env.MINI_KAFKA_MIRROR_SASL_PASSWORD,
      clusterCaFile: flags.toCaFile,
    } as BrokerConfig);
    source = await ClusterClient.connect({ bootstrapServers: from, clientId: 'mini-kafka-mirror' });
    destination = await ClusterClient.connect({ bootstrapServers: to, clientId: 'mini-kafka-mirror', ...connection });
    const sourceName = flags.fromDir !== undefined ? `dir:${resolve(flags.fromDir)}` : `kafka:${from.join(',')}`;
    const state = await MirrorState.open(flags.state, sourceName, `kafka:${to.join(',')}`);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await runMirror({
      source,
      destination,
      state,
      topics,
      groups,
      follow: flags.follow === true,
      signal: controller.signal,
      progress: (report) => ctx.out.stderr(describeProgress(report)),
    });
    return EXIT_OK;
  } catch (error) {
    return reportError(error, 'mirror', ctx.out);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await source?.close();
    await destination?.close();
    await broker?.close();
  }
}
