/**
 * createBroker: opens the logs and the group coordinator, serves HTTP, and closes it all
 * in order. The same function runs `pnpm start` and embeds a broker in tests:
 *
 *   const broker = await createBroker({ inMemory: true, port: 0 }); // Kafka listener: any free port
 *   await fetch(`${broker.url}/v1/topics`);
 *   await broker.close();
 *
 * Start: listen (503 meanwhile), open the logs (warning when the open-file limit is too low
 * for maxPartitions), open the coordinator, serve. The code that serves the HTTP API and
 * the Kafka APIs loads on their first request (http/lazy-app.ts, kafka/kafka-listener.ts),
 * so that a broker is up after loading little more than what opens the logs.
 * close(): stop accepting, answer what is in flight (long polls are woken when their logs
 * close), close the coordinator, flush and close every log cleanly (every file is closed even
 * when that fails, say on a full disk; the next start recovers what could not be written).
 */
import type { GroupCoordinator, TransactionCoordinator } from '@mini-kafka/coordinator';
import type { SettingSource } from '@mini-kafka/protocol';
import { type Clock, systemClock } from '@mini-kafka/protocol/core';
import { type LogManager, nodeFileSystem, type ProducerIdManager } from '@mini-kafka/storage';
import { openCoordinator, openLogs, openProducerIds, openTransactions } from './broker-parts.js';
import { type BrokerConfig, type BrokerConfigInput, brokerConfigSchema } from './config/broker-config.js';
import { openFileLimitWarning, readOpenFileLimit } from './config/open-file-limit.js';
import type { BrokerState } from './http/app-context.js';
import { startHttpServer } from './http/http-server.js';
import { lazyApp } from './http/lazy-app.js';
import { type KafkaListener, startKafkaListener } from './kafka/kafka-listener.js';
import { createLogger, type Logger } from './logger.js';
import { BrokerMetrics } from './metrics/broker-metrics.js';
import { observedFileSystem } from './metrics/observed-file-system.js';
import { addScrapeMetrics } from './metrics/scrape-metrics.js';
import { startRetention } from './retention-runner.js';
import { exposureWarnings, openSecurity, type Security, tlsMaterial } from './security/security.js';
import { type FetchMemory, fetchMemoryFor } from './services/fetch-memory.js';
import { MemberPositions } from './services/member-positions.js';
import { ProduceService } from './services/produce-service.js';
import { logStorageHealth } from './storage-health.js';
import { startStorageScrub, watchReadDamage } from './storage-scrub.js';

export interface BrokerOptions extends BrokerConfigInput {
  /** A logger to use instead of one made from `logLevel`. */
  logger?: Logger;
  clock?: Clock;
  /** The fetch memory budget to use instead of one of `fetchMemoryBytes` (a test's, to watch or drive it). */
  fetchMemory?: FetchMemory;
  /** Where each setting came from (`mini-kafka` passes flag, env, file or default); else `given` or `default`. */
  configSources?: Partial<Record<keyof BrokerConfig, SettingSource>>;
}

export interface Broker {
  /** The HTTP base URL, e.g. http://127.0.0.1:8000 */
  readonly url: string;
  readonly port: number;
  /** The Kafka-protocol port (kafkajs `brokers: ['127.0.0.1:' + kafkaPort]`), or -1 when the listener is off. */
  readonly kafkaPort: number;
  /** `host:port` for Kafka clients, or undefined when the listener is off. */
  readonly kafkaBootstrap: string | undefined;
  readonly config: BrokerConfig;
  readonly logs: LogManager;
  readonly coordinator: GroupCoordinator;
  /** The transaction coordinator (transactional producers' state, markers, timeouts). */
  readonly transactions: TransactionCoordinator;
  /** What `GET /metrics` serves; `metrics.scrape()` gives the same text in process. */
  readonly metrics: BrokerMetrics;
  /** Authentication, credentials, ACLs (`security.acls.create([...])` in process) and the authorizer. */
  readonly security: Security;
  close(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 10_000;

/** An embedding program's settings: those it passed are `given`, the rest `default`. */
function givenSources(options: BrokerOptions): Partial<Record<keyof BrokerConfig, SettingSource>> {
  const sources: Partial<Record<keyof BrokerConfig, SettingSource>> = {};
  for (const key of Object.keys(brokerConfigSchema.shape) as (keyof BrokerConfig)[]) {
    sources[key] = options[key as keyof BrokerOptions] === undefined ? 'default' : 'given';
  }
  return sources;
}

export async function createBroker(options: BrokerOptions = {}): Promise<Broker> {
  const {
    logger: givenLogger,
    clock = systemClock,
    fetchMemory: givenFetchMemory,
    configSources = givenSources(options),
    ...input
  } = options;
  // Embedded (tests, other programs), the Kafka listener takes any free port unless told one:
  // a broker started for a test must not collide with a development broker on 9092.
  // `mini-kafka` itself passes its configured port (9092 by default).
  const config = brokerConfigSchema.parse({ ...input, kafkaPort: input.kafkaPort ?? 0 });
  const logger = givenLogger ?? createLogger(config.logLevel);
  let state: BrokerState = 'starting';
  const metrics = new BrokerMetrics();
  const fs = observedFileSystem(nodeFileSystem, metrics);

  const http = await startHttpServer(config.host, config.port, () => state, metrics, await tlsMaterial(config));
  let logs: LogManager | undefined;
  let coordinator: GroupCoordinator;
  let transactions: TransactionCoordinator;
  let producerIds: ProducerIdManager;
  let security: Security;
  const positions = new MemberPositions();
  try {
    logs = await openLogs(config, clock, fs, logger);
    for (const warning of logs.warnings) logger.warn(warning);
    for (const error of logs.errors) logger.error(error);
    const fileLimit = config.inMemory ? undefined : openFileLimitWarning(readOpenFileLimit(), config.maxPartitions);
    if (fileLimit !== undefined) logger.warn(fileLimit.fields, fileLimit.message);
    logStorageHealth(logger, logs);
    watchReadDamage(logger, logs);
    producerIds = await openProducerIds(config, fs);
    security = await openSecurity(config, fs, clock);
    for (const warning of exposureWarnings(config)) logger.warn({ host: config.host }, warning);
    coordinator = await openCoordinator(config, logs, clock, logger, { positions, metrics, fs });
    addScrapeMetrics(metrics, logs, coordinator);
    try {
      transactions = await openTransactions(config, logs, coordinator, producerIds, clock, fs);
    } catch (error) {
      await coordinator.close().catch(() => undefined);
      throw error;
    }
  } catch (error) {
    // The reason the start failed is what the user needs; a close that fails too (a full disk) must not replace it.
    await logs?.close().catch(() => undefined);
    await http.stop();
    throw error;
  }
  const openedLogs = logs;
  const retention = startRetention(openedLogs, config.retentionCheckIntervalMs, logger);
  const livenessTimer = setInterval(
    () => coordinator.tick(),
    Math.max(50, Math.min(1000, config.sessionTimeoutMs / 4)),
  );
  livenessTimer.unref();

  const produce = new ProduceService(openedLogs, config, producerIds, { metrics, logger });
  const fetchMemory = givenFetchMemory ?? fetchMemoryFor(config);
  let kafka: KafkaListener | undefined;
  const advertisedHost =
    config.advertisedHost ?? (config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host);
  const app = lazyApp({
    config,
    logs: openedLogs,
    coordinator,
    transactions,
    produce,
    fetchMemory,
    positions,
    logger,
    metrics,
    clock,
    security,
    state: () => state,
    startedAt: clock.now(),
    httpUrl: http.url,
    configSources,
    advertised: () => (kafka === undefined ? undefined : { host: advertisedHost, port: kafka.port }),
  });
  http.setHandler(app);

  if (config.kafkaPort >= 0) {
    try {
      kafka = await startKafkaListener(
        config.host,
        config.kafkaPort,
        () => import('./kafka/kafka-handlers.js').then(({ kafkaHandlers }) => kafkaHandlers()),
        () => ({
          config,
          logs: openedLogs,
          coordinator,
          transactions,
          produce,
          fetchMemory,
          logger,
          metrics,
          clock,
          security,
          advertised: () => ({ host: advertisedHost, port: kafka?.port ?? config.kafkaPort }),
        }),
        {
          maxFrameBytes: config.maxRequestBytes,
          connectionsMaxIdleMs: config.connectionsMaxIdleMs,
          requestReadTimeoutMs: config.requestReadTimeoutMs,
        },
      );
    } catch (error) {
      clearInterval(livenessTimer);
      retention.stop();
      await http.stop();
      await transactions.close().catch(() => undefined);
      await coordinator.close().catch(() => undefined);
      await openedLogs.close().catch(() => undefined);
      throw error;
    }
  }
  const kafkaPort = kafka?.port ?? -1;
  const kafkaBootstrap =
    kafka === undefined
      ? undefined
      : `${advertisedHost.includes(':') ? `[${advertisedHost}]` : advertisedHost}:${kafkaPort}`;
  state = 'ready';
  logger.info({ url: http.url, kafka: kafkaBootstrap }, 'broker ready');
  // Damage at rest the open did not read for: looked for once the broker serves, a few partitions at a time.
  const scrub = config.scrubOnStart && !config.inMemory ? startStorageScrub(logger, openedLogs) : undefined;
  // Listening first, loading the rest next: the API's code, and the Kafka handlers' when a listener is open.
  setImmediate(() => {
    if (state !== 'ready') return;
    void app.load().catch(() => undefined);
    if (kafka !== undefined) void import('./kafka/kafka-handlers.js').catch(() => undefined);
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      state = 'stopping';
      clearInterval(livenessTimer);
      retention.stop();
      const drained = http.stop();
      await kafka?.stop();
      await scrub?.stop();
      const forced = setTimeout(() => http.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      forced.unref();
      // The logs close even when the coordinator cannot (a full disk): every file is closed; the next start recovers.
      const failures: unknown[] = [];
      await transactions.close().catch((error: unknown) => failures.push(error));
      await coordinator.close().catch((error: unknown) => failures.push(error));
      await openedLogs.close().catch((error: unknown) => failures.push(error));
      await drained;
      clearTimeout(forced);
      if (failures.length > 0) throw failures[0];
      logger.info('broker stopped');
    })();
    return closing;
  };

  return {
    url: http.url,
    port: http.port,
    kafkaPort,
    kafkaBootstrap,
    config,
    logs: openedLogs,
    coordinator,
    transactions,
    metrics,
    security,
    close,
  };
}
