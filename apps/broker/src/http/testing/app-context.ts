/**
 * Test helper: the broker's parts opened in memory (logs, group and transaction coordinators, producer ids) as the
 * HTTP app's context, to build the app (`createApp`) and read its routes without a broker.
 * Test-only; not built or published.
 */
import { systemClock } from '@mini-kafka/protocol/core';
import { nodeFileSystem } from '@mini-kafka/storage';
import { openCoordinator, openLogs, openProducerIds, openTransactions } from '../../broker-parts.js';
import { brokerConfigSchema } from '../../config/broker-config.js';
import { createLogger } from '../../logger.js';
import { BrokerMetrics } from '../../metrics/broker-metrics.js';
import { openSecurity } from '../../security/security.js';
import { fetchMemoryFor } from '../../services/fetch-memory.js';
import { MemberPositions } from '../../services/member-positions.js';
import { ProduceService } from '../../services/produce-service.js';
import type { AppContext } from '../app-context.js';

export interface OpenedAppContext {
  ctx: AppContext;
  close(): Promise<void>;
}

export async function openAppContext(): Promise<OpenedAppContext> {
  const config = brokerConfigSchema.parse({ inMemory: true, logLevel: 'silent' });
  const logger = createLogger('silent');
  const logs = await openLogs(config, systemClock);
  const positions = new MemberPositions();
  const coordinator = await openCoordinator(config, logs, systemClock, logger, { positions });
  const producerIds = await openProducerIds(config);
  const transactions = await openTransactions(config, logs, coordinator, producerIds, systemClock);
  const ctx: AppContext = {
    config,
    logs,
    coordinator,
    transactions,
    produce: new ProduceService(logs, config, producerIds),
    fetchMemory: fetchMemoryFor(config),
    positions,
    logger,
    metrics: new BrokerMetrics(),
    clock: systemClock,
    security: await openSecurity(config, nodeFileSystem, systemClock),
    state: () => 'ready',
    startedAt: systemClock.now(),
    httpUrl: 'http://127.0.0.1:0',
    configSources: {},
    advertised: () => undefined,
  };
  return {
    ctx,
    close: async () => {
      await transactions.close();
      await coordinator.close();
      await logs.close();
    },
  };
}
