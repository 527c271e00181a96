/** What the gateway's routes are given: its settings, the cluster, the groups it holds, and how it produces. */
import type { ClusterClient } from '../cluster/cluster-client.js';
import type { BrokerConfig } from '../config/broker-config.js';
import type { Logger } from '../logger.js';
import type { GatewayProduce } from './gateway-produce.js';
import type { GatewayGroups } from './groups/gateway-groups.js';

export interface GatewayContext {
  config: BrokerConfig;
  client: ClusterClient;
  groups: GatewayGroups;
  produce: GatewayProduce;
  logger: Logger;
  /** This gateway's HTTP URL (or the configured gatewayUrl). */
  url: () => string;
  startedAt: number;
}
