/**
 * The broker's stateful parts, opened from its configuration exactly as `createBroker`
 * does (and as the Kafka handler tests do, so they test the real wiring): the log
 * manager and the group coordinator.
 */
import {
  describeDamagedRange,
  describeOffsetRecovery,
  GroupCoordinator,
  LogOffsetStore,
  MemoryOffsetStore,
  type OffsetStoreOpenReport,
  TransactionCoordinator,
} from '@mini-kafka/coordinator';
import { decodeAssignment } from '@mini-kafka/kafka-protocol';
import { type Clock, type Scheduler, systemScheduler } from '@mini-kafka/protocol/core';
import { DEFAULT_LOG_CONFIG, type FileSystem, LogManager, ProducerIdManager } from '@mini-kafka/storage';
import { keepCommitsWithinLogs } from './committed-past-end.js';
import { brokerInflaters } from './compression/codecs.js';
import type { BrokerConfig } from './config/broker-config.js';
import type { Logger } from './logger.js';
import type { BrokerMetrics } from './metrics/broker-metrics.js';
import type { MemberPositions } from './services/member-positions.js';

/**
 * The log manager the configuration describes (on disk or in memory), with every compression
 * codec, on `fs` (the real file system unless given: the broker's is observed by its metrics),
 * each segment roll a debug line of `logger`.
 */
export function openLogs(config: BrokerConfig, clock: Clock, fs?: FileSystem, logger?: Logger): Promise<LogManager> {
  return LogManager.open({
    dataDir: config.inMemory ? undefined : config.dataDir,
    ...(fs === undefined ? {} : { fs }),
    // Segment rolls are routine: a debug line each.
    onSegmentRolled: ({ topic, partition, baseOffset }) =>
      logger?.debug({ topic, partition, baseOffset }, 'segment rolled'),
    inMemory: config.inMemory,
    clock,
    inflaters: brokerInflaters,
    // The broker runs retention itself, logging each deletion (retention-runner.ts).
    retentionCheckIntervalMs: 0,
    maxTopics: config.maxTopics,
    maxPartitions: config.maxPartitions,
    defaults: {
      flush: config.flush,
      flushIntervalMs: config.flushIntervalMs,
      segmentBytes: config.segmentBytes,
      segmentMs: config.segmentMs,
      retentionMs: config.retentionMs,
      retentionBytes: config.retentionBytes,
      // A batch holds at least one record of the largest allowed size.
      maxBatchBytes: Math.max(config.maxMessageBytes + 1024, DEFAULT_LOG_CONFIG.maxBatchBytes),
    },
  });
}

/** The broker-wide producer id allocator: ids reserved durably in the data directory (in memory for an in-memory broker). */
export function openProducerIds(config: BrokerConfig, fs?: FileSystem): Promise<ProducerIdManager> {
  return ProducerIdManager.open(
    config.inMemory ? {} : { dataDir: config.dataDir, ...(fs === undefined ? {} : { fs }) },
  );
}

export interface CoordinatorParts {
  /** Runs the Kafka groups' deadlines: real timers unless a test gives a ManualScheduler. */
  scheduler?: Scheduler;
  /** The HTTP members' fetch positions: a member removed by a rebalance (left, timed out) loses its own. */
  positions?: MemberPositions;
  /** Counts rebalances. */
  metrics?: BrokerMetrics;
  /** The offsets store's file system (the real one unless given). */
  fs?: FileSystem;
}

/**
 * What opening the offsets store found, logged once at start-up: each damaged range of the
 * offsets log at error level (file, bytes, reason, offsets lost, partitions touched; never
 * record bytes), a summary naming the copies kept aside, then each repair at warn level.
 */
function logOffsetStoreReport(report: OffsetStoreOpenReport | undefined, logger: Logger): void {
  if (report === undefined) return;
  for (const range of report.damaged) {
    const { file, fromByte, bytes, reason, offsets, partitions } = range;
    logger.error(
      { file, fromByte, bytes, reason, offsets, partitions: partitions === 'unknown' ? partitions : partitions.length },
      describeDamagedRange(range),
    );
  }
  const summary = describeOffsetRecovery(report);
  if (summary !== undefined) {
    logger.error({ recordsRead: report.recordsReplayed, keptAside: report.keptAside }, summary);
  }
  for (const repair of report.repairs) logger.warn({ repair }, `Offsets store: ${repair}`);
}

/**
 * The group coordinator over `logs`: committed offsets durable in the data directory (in
 * memory for an in-memory broker; what opening them found is logged), one `rebalance` log
 * line per member, and the fetch positions of members a rebalance removed forgotten.
 */
export async function openCoordinator(
  config: BrokerConfig,
  logs: LogManager,
  clock: Clock,
  logger: Logger,
  { scheduler = systemScheduler, positions, metrics, fs }: CoordinatorParts = {},
): Promise<GroupCoordinator> {
  const offsetStore = config.inMemory
    ? new MemoryOffsetStore()
    : await LogOffsetStore.open({ dataDir: config.dataDir, clock, ...(fs === undefined ? {} : { fs }) });
  await keepCommitsWithinLogs(offsetStore, logs, logger);
  const coordinator = await GroupCoordinator.open({
    clock,
    scheduler,
    offsetStore,
    defaultSessionTimeoutMs: config.sessionTimeoutMs,
    minSessionTimeoutMs: Math.min(1000, config.sessionTimeoutMs),
    initialRebalanceDelayMs: config.groupInitialRebalanceDelayMs,
    decodeAssignment: (bytes) => {
      try {
        return decodeAssignment(bytes).assignedPartitions.flatMap(({ topic, partitions }) =>
          partitions.map((partition) => ({ topic, partition })),
        );
      } catch {
        return undefined;
      }
    },
    partitionCount: (topic) => logs.getTopic(topic)?.partitions,
    logOffsets: (topic, partition) => {
      const log = logs.getLog(topic, partition);
      return { logStartOffset: log.logStartOffset, logEndOffset: log.highWatermark };
    },
    onRebalance: (event) => {
      for (const memberId of event.removed) positions?.forgetMember(event.groupId, memberId);
      metrics?.rebalanced(event.groupId, event.reason);
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
  logOffsetStoreReport(coordinator.offsetStoreReport, logger);
  return coordinator;
}

/**
 * The transaction coordinator: its state log durable in the data directory (in memory for an
 * in-memory broker), producer ids from the broker's ProducerIdManager, and its markers written
 * into the partitions' logs (control batches) and to the group coordinator (offsets committed in
 * a transaction). A marker for a partition whose topic is gone is nothing to write.
 */
export function openTransactions(
  config: BrokerConfig,
  logs: LogManager,
  groups: GroupCoordinator,
  producerIds: ProducerIdManager,
  clock: Clock,
  fs?: FileSystem,
): Promise<TransactionCoordinator> {
  return TransactionCoordinator.open({
    ...(config.inMemory ? { inMemory: true } : { dataDir: config.dataDir }),
    clock,
    ...(fs === undefined ? {} : { fs }),
    allocateProducerId: () => producerIds.generate(),
    maxTransactionTimeoutMs: config.transactionMaxTimeoutMs,
    markers: {
      async writeMarker(topic, partition, marker) {
        if (logs.getTopic(topic) === undefined) return;
        await logs.getLog(topic, partition).appendControl(marker);
      },
      completeGroupOffsets: (groupId, producerId, commit) => groups.completeTransaction(groupId, producerId, commit),
    },
  });
}
