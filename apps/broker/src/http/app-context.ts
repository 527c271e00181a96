/** What the HTTP routes are given: the broker's parts, its settings and its state. */
import type { GroupCoordinator, TransactionCoordinator } from '@mini-kafka/coordinator';
import type { Clock, SettingSource } from '@mini-kafka/protocol';
import type { LogManager } from '@mini-kafka/storage';
import type { BrokerConfig } from '../config/broker-config.js';
import type { Logger } from '../logger.js';
import type { BrokerMetrics } from '../metrics/broker-metrics.js';
import type { Session } from '../security/authorizer.js';
import type { Security } from '../security/security.js';
import type { FetchMemory } from '../services/fetch-memory.js';
import type { MemberPositions } from '../services/member-positions.js';
import type { ProduceService } from '../services/produce-service.js';
import type { NodeBindings } from './read-body.js';

export type BrokerState = 'starting' | 'ready' | 'stopping';

export interface AppContext {
  config: BrokerConfig;
  logs: LogManager;
  coordinator: GroupCoordinator;
  /** The transaction coordinator (GET /v1/transactions). */
  transactions: TransactionCoordinator;
  produce: ProduceService;
  /** The broker-wide budget for bytes held by reads in flight, shared with Kafka Fetch. */
  fetchMemory: FetchMemory;
  positions: MemberPositions;
  logger: Logger;
  metrics: BrokerMetrics;
  clock: Clock;
  /** Authentication, credentials, ACLs and the authorizer. */
  security: Security;
  state(): BrokerState;
  /** When the broker started serving (the clock's ms). */
  startedAt: number;
  /** The HTTP API's base URL. */
  httpUrl: string;
  /** Where each setting came from. */
  configSources: Partial<Record<keyof BrokerConfig, SettingSource>>;
  /** Where Kafka clients connect (the advertised listener), or undefined when it is off. */
  advertised(): { host: string; port: number } | undefined;
}

/** Who is asking (authenticate.ts sets it on every request the app serves). */
export type Env = { Bindings: NodeBindings; Variables: { session?: Session; authenticated?: boolean } };
