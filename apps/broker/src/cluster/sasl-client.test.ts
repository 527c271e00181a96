// The cluster client's SASL against a real broker listener that requires it: PLAIN and both
// SCRAMs log in (the server's proof checked), a wrong password fails clearly and names no secret.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { createGateway } from '../gateway/gateway.js';
import { emptyCredentials, withUser, writeCredentials } from '../security/credential-store.js';
import { ClusterClient } from './cluster-client.js';

const PASSWORD = 'gateway-secret-1';
let dir: string;
let cluster: Broker;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sasl-client-'));
  const credentialsFile = join(dir, 'credentials.json');
  await writeCredentials(credentialsFile, await withUser(emptyCredentials(), 'gateway', PASSWORD));
  cluster = await createBroker({
    inMemory: true,
    port: 0,
    kafkaPort: 0,
    logLevel: 'silent',
    auth: true,
    credentialsFile,
    superUsers: ['User:gateway'],
    authFailureDelayMs: 0,
  });
});

afterAll(async () => {
  await cluster?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('SASL to a cluster', () => {
  it.each(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const)('logs in with %s', async (mechanism) => {
    const client = await ClusterClient.connect({
      bootstrapServers: [cluster.kafkaBootstrap!],
      sasl: { mechanism, username: 'gateway', password: PASSWORD },
    });
    expect((await client.metadata([])).brokers).toHaveLength(1);
    await client.close();
  });

  it('fails with SASL_AUTHENTICATION_FAILED for a wrong password, without the password', async () => {
    const error = await ClusterClient.connect({
      bootstrapServers: [cluster.kafkaBootstrap!],
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'gateway', password: 'wrong-password' },
    }).catch((e: unknown) => e);
    expect(isMiniKafkaError((error as Error).cause, 'SASL_AUTHENTICATION_FAILED')).toBe(true);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('wrong-password');
  });

  it('serves a gateway over a cluster that requires SASL', async () => {
    const gateway = await createGateway({
      port: 0,
      logLevel: 'silent',
      bootstrapServers: [cluster.kafkaBootstrap!],
      clusterSecurityProtocol: 'SASL_PLAINTEXT',
      clusterSaslMechanism: 'SCRAM-SHA-256',
      clusterSaslUsername: 'gateway',
      clusterSaslPassword: PASSWORD,
    });
    const created = await fetch(`${gateway.url}/v1/topics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'secured', partitions: 2 }),
    });
    expect(created.status).toBe(201);
    await gateway.close();
  });
});
