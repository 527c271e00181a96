import { readFileSync } from 'node:fs';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../../broker.js';
import { send } from '../testing/serve-app.js';

const dirs = new TempDirs();
let broker: Broker | undefined;
afterEach(async () => {
  await broker?.close();
  broker = undefined;
  await dirs.cleanup();
});

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));

describe('GET /v1/broker', () => {
  it('answers the version, uptime, listeners, every setting with its source and the disk in use', async () => {
    const dataDir = await dirs.make();
    broker = await createBroker({ dataDir, port: 0, kafkaPort: 0, logLevel: 'silent', defaultPartitions: 2 });
    const { url } = broker;
    await send(`${url}/v1/topics/a/records`, 'POST', { records: [{ value: 'x'.repeat(100) }] });
    await send(`${url}/v1/topics/b/records`, 'POST', { records: [{ value: 'y' }, { value: 'z' }] });

    const { status, body } = await send(`${url}/v1/broker`);
    expect(status).toBe(200);
    expect(body.version).toBe(pkg.version);
    expect(body.clusterId).toBe('mini-kafka');
    expect(Date.parse(body.startedAt)).toBeLessThanOrEqual(Date.now());
    expect(body.uptimeMs).toBeGreaterThanOrEqual(0);
    expect(body.listeners).toEqual({ http: url, kafka: broker.kafkaBootstrap });
    const setting = (name: string) => body.config.find((entry: { name: string }) => entry.name === name);
    expect(setting('defaultPartitions')).toEqual({ name: 'defaultPartitions', value: 2, source: 'given' });
    expect(setting('flush')).toEqual({ name: 'flush', value: 'always', source: 'default' });
    expect(setting('dataDir')).toEqual({ name: 'dataDir', value: dataDir, source: 'given' });
    expect(body.disk.path).toBe(dataDir);
    expect(body.disk.totalBytes).toBeGreaterThan(0);
    expect(body.disk.usableBytes).toBeGreaterThan(0);
    const sizes = Object.fromEntries(
      body.disk.topics.map((t: { topic: string; sizeBytes: number }) => [t.topic, t.sizeBytes]),
    );
    expect(sizes.a).toBeGreaterThan(100);
    expect(sizes.b).toBeGreaterThan(0);
    expect(body.disk.usedBytes).toBe(sizes.a + sizes.b);
  });

  it('shows a cluster SASL password as set, never its value', async () => {
    broker = await createBroker({
      inMemory: true,
      port: 0,
      kafkaPort: -1,
      logLevel: 'silent',
      clusterSaslPassword: 'do-not-show-me',
    });
    const { body, text } = await send(`${broker.url}/v1/broker`);
    expect(body.config.find((entry: { name: string }) => entry.name === 'clusterSaslPassword')?.value).toBe('[hidden]');
    expect(text).not.toContain('do-not-show-me');
  });
});
