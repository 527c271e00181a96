/**
 * createGateway: `mini-kafka serve --backend kafka`. A stateless HTTP gateway over a
 * Kafka-protocol cluster: the same HTTP API as the local broker (the tutorial's routes and
 * /v1), with the data, the groups and their committed offsets in the cluster. Any number of
 * gateways can serve one cluster behind a load balancer; each holds only the HTTP group
 * members that joined through it (and answers their `baseUrl`), and commits every offset
 * to the cluster before acknowledging it.
 */
import { readFile } from 'node:fs/promises';
import type { ConnectionOptions } from 'node:tls';
import { MiniKafkaError } from '@mini-kafka/protocol';
import { ClusterClient } from '../cluster/cluster-client.js';
import type { SaslSettings } from '../cluster/sasl-client.js';
import { type BrokerConfig, type BrokerConfigInput, brokerConfigSchema } from '../config/broker-config.js';
import type { BrokerState } from '../http/app-context.js';
import { startHttpServer } from '../http/http-server.js';
import { createLogger, type Logger } from '../logger.js';
import { tlsMaterial } from '../security/security.js';
import { createGatewayApp } from './gateway-app.js';
import { GatewayProduce } from './gateway-produce.js';
import { GatewayGroups } from './groups/gateway-groups.js';

export interface Gateway {
  readonly url: string;
  readonly port: number;
  readonly config: BrokerConfig;
  close(): Promise<void>;
}

export type GatewayOptions = BrokerConfigInput & { logger?: Logger };

/** How the gateway reaches its cluster: TLS and SASL as configured. */
export async function clusterConnection(
  config: BrokerConfig,
): Promise<{ tls?: ConnectionOptions; sasl?: SaslSettings }> {
  const protocol = config.clusterSecurityProtocol;
  const out: { tls?: ConnectionOptions; sasl?: SaslSettings } = {};
  if (protocol === 'SSL' || protocol === 'SASL_SSL') {
    out.tls = config.clusterCaFile === undefined ? {} : { ca: await readFile(config.clusterCaFile) };
  }
  if (protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL') {
    if (config.clusterSaslUsername === undefined || config.clusterSaslPassword === undefined) {
      throw new MiniKafkaError(
        'INVALID_CONFIG',
        `${protocol} needs --cluster-sasl-username and a cluster SASL password`,
      );
    }
    out.sasl = {
      mechanism: config.clusterSaslMechanism,
      username: config.clusterSaslUsername,
      password: config.clusterSaslPassword,
    };
  }
  return out;
}

export async function createGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const { logger: givenLogger, ...input } = options;
  const config = brokerConfigSchema.parse({ ...input, backend: 'kafka', kafkaPort: -1 });
  const logger = givenLogger ?? createLogger(config.logLevel);
  if (config.bootstrapServers.length === 0) {
    throw new MiniKafkaError('INVALID_CONFIG', 'The kafka backend needs --bootstrap-servers host:port[,host:port...]');
  }
  if (config.auth) {
    throw new MiniKafkaError(
      'INVALID_CONFIG',
      '--auth is not served by the kafka backend: put the gateways behind your own authentication, and use the cluster’s ACLs',
    );
  }
  let state: BrokerState = 'starting';
  const client = await ClusterClient.connect({
    bootstrapServers: config.bootstrapServers,
    clientId: 'mini-kafka-gateway',
    logger,
    ...(await clusterConnection(config)),
  });
  let http: Awaited<ReturnType<typeof startHttpServer>>;
  try {
    http = await startHttpServer(config.host, config.port, () => state, undefined, await tlsMaterial(config));
  } catch (error) {
    await client.close();
    throw error;
  }
  const url = (): string => config.gatewayUrl?.replace(/\/+$/, '') ?? http.url;
  const groups = new GatewayGroups(client, { logger, defaultSessionTimeoutMs: config.sessionTimeoutMs, baseUrl: url });
  const produce = new GatewayProduce(client, config, logger);
  const app = createGatewayApp({ config, client, groups, produce, logger, url, startedAt: Date.now() }, () => state);
  http.setHandler((request, env) => app.fetch(request, env as never));
  state = 'ready';
  logger.info({ url: http.url, backend: 'kafka', bootstrapServers: config.bootstrapServers }, 'broker ready');

  let closing: Promise<void> | undefined;
  return {
    url: http.url,
    port: http.port,
    config,
    close: () => {
      closing ??= (async () => {
        state = 'stopping';
        const drained = http.stop();
        await groups.close();
        await drained;
        await client.close();
        logger.info('gateway stopped');
      })();
      return closing;
    },
  };
}
