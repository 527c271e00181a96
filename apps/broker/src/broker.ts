/**
 * createBroker: opens the logs and the group coordinator, serves HTTP, and closes it all
 * in order. The same function runs `pnpm start` and embeds a broker in tests:
 *
 *   const broker = await createBroker({ inMemory: true, port: 0 });
 *   await fetch(`${broker.url}/v1/topics`);
 *   await broker.close();
 *
 * close(): stop accepting connections, let in-flight requests finish (long polls are
 * woken), then close the coordinator and flush and close every log cleanly.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { GroupCoordinator, LogOffsetStore, MemoryOffsetStore } from '@mini-kafka/coordinator';
import { LogManager, systemClock, type Clock } from '@mini-kafka/storage';
import { brokerConfigSchema, type BrokerConfig, type BrokerConfigInput } from './config/broker-config.js';
import type { BrokerState } from './http/app-context.js';
import { createApp } from './http/app.js';
import { createLogger, type Logger } from './logger.js';
import { MemberPositions } from './services/member-positions.js';
import { ProduceService } from './services/produce-service.js';

export interface BrokerOptions extends BrokerConfigInput {
  /** A logger to use instead of one made from `logLevel`. */
  logger?: Logger;
  clock?: Clock;
}

export interface Broker {
  /** The HTTP base URL, e.g. http://127.0.0.1:8000 */
  readonly url: string;
  readonly port: number;
  readonly config: BrokerConfig;
  readonly logs: LogManager;
  readonly coordinator: GroupCoordinator;
  close(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 10_000;

export async function createBroker(options: BrokerOptions = {}): Promise<Broker> {
  const { logger: givenLogger, clock = systemClock, ...input } = options;
  const config = brokerConfigSchema.parse(input);
  const logger = givenLogger ?? createLogger(config.logLevel);
  let state: BrokerState = 'starting';

  const logs = await LogManager.open({
    dataDir: config.inMemory ? undefined : config.dataDir,
    inMemory: config.inMemory,
    clock,
    retentionCheckIntervalMs: config.retentionCheckIntervalMs,
    defaults: {
      flush: config.flush,
      flushIntervalMs: config.flushIntervalMs,
      segmentBytes: config.segmentBytes,
      segmentMs: config.segmentMs,
      retentionMs: config.retentionMs,
      retentionBytes: config.retentionBytes,
      maxBatchBytes: Math.max(config.maxMessageBytes + 1024, 1024 * 1024 + 12),
    },
  });
  for (const warning of logs.warnings) logger.warn(warning);

  const offsetStore = config.inMemory
    ? new MemoryOffsetStore()
    : await LogOffsetStore.open({ directory: join(config.dataDir, '~coordinator', 'offsets'), clock });
  const coordinator = await GroupCoordinator.open({
    clock,
    offsetStore,
    defaultSessionTimeoutMs: config.sessionTimeoutMs,
    partitionCount: (topic) => logs.getTopic(topic)?.partitions,
    logOffsets: (topic, partition) => {
      const log = logs.getLog(topic, partition);
      return { logStartOffset: log.logStartOffset, logEndOffset: log.highWatermark };
    },
    onRebalance: (event) => {
      for (const { memberId, partitions } of event.assignments) {
        logger.info(
          {
            group: event.groupId,
            generation: event.generationId,
            reason: event.reason,
            member: memberId,
            partitions: partitions.map((tp) => `${tp.topic}-${tp.partition}`),
          },
          'rebalance',
        );
      }
    },
  });
  const livenessTimer = setInterval(() => coordinator.tick(), Math.max(50, Math.min(1000, config.sessionTimeoutMs / 4)));
  livenessTimer.unref();

  const app = createApp({
    config,
    logs,
    coordinator,
    produce: new ProduceService(logs, config, clock),
    positions: new MemberPositions(),
    logger,
    clock,
    state: () => state,
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(started as Server));
    (started as Server).once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  state = 'ready';
  logger.info({ url }, 'broker ready');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      state = 'stopping';
      clearInterval(livenessTimer);
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Long polls end now: their logs are about to close, which wakes them.
      const forced = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      forced.unref();
      await coordinator.close();
      await logs.close();
      await drained;
      clearTimeout(forced);
      logger.info('broker stopped');
    })();
    return closing;
  };

  return { url, port, config, logs, coordinator, close };
}
