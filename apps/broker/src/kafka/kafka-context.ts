/** What Kafka-protocol handlers are given: the broker's parts and the listener's identity. */
import type { GroupCoordinator, TransactionCoordinator } from '@mini-kafka/coordinator';
import type { Clock } from '@mini-kafka/protocol/core';
import type { LogManager } from '@mini-kafka/storage';
import type { BrokerConfig } from '../config/broker-config.js';
import type { Logger } from '../logger.js';
import type { BrokerMetrics } from '../metrics/broker-metrics.js';
import type { Session } from '../security/authorizer.js';
import type { Security } from '../security/security.js';
import type { FetchMemory } from '../services/fetch-memory.js';
import type { ProduceService } from '../services/produce-service.js';

export const NODE_ID = 0;
export const CLUSTER_ID = 'mini-kafka';

export interface KafkaContext {
  config: BrokerConfig;
  logs: LogManager;
  coordinator: GroupCoordinator;
  /** The transaction coordinator of every transactional id. */
  transactions: TransactionCoordinator;
  produce: ProduceService;
  /** The broker-wide budget for bytes held by reads in flight, shared with the HTTP read routes. */
  fetchMemory: FetchMemory;
  logger: Logger;
  metrics: BrokerMetrics;
  clock: Clock;
  /** Authentication, credentials, ACLs and the authorizer. */
  security: Security;
  /** What Metadata and FindCoordinator tell clients to connect to. */
  advertised(): { host: string; port: number };
}

/** Who sent a request: the header fields and the client's address. */
export interface RequestSource {
  clientId: string | null;
  clientHost: string;
  /** Who the connection authenticated as (`User:ANONYMOUS` until it does, or with authentication off), and from where. */
  session: Session;
  apiVersion: number;
  correlationId: number;
}
