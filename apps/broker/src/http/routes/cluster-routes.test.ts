import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Broker, type BrokerOptions, createBroker } from '../../broker.js';
import { send } from '../testing/serve-app.js';

const dirs = new TempDirs();
const brokers: Broker[] = [];
afterEach(async () => {
  for (const broker of brokers.splice(0)) await broker.close();
  await dirs.cleanup();
});

async function start(options: BrokerOptions = {}): Promise<Broker> {
  const broker = await createBroker({ inMemory: true, port: 0, kafkaPort: 0, logLevel: 'silent', ...options });
  brokers.push(broker);
  return broker;
}

describe('/v1/cluster', () => {
  it('names the one broker and where Kafka clients reach it', async () => {
    const broker = await start();
    expect((await send(`${broker.url}/v1/cluster`)).body).toEqual({
      clusterId: 'mini-kafka',
      controllerId: 0,
      brokers: [{ nodeId: 0, host: '127.0.0.1', port: broker.kafkaPort, rack: null }],
    });
    const noKafka = await start({ kafkaPort: -1 });
    expect((await send(`${noKafka.url}/v1/cluster`)).body.brokers).toEqual([
      { nodeId: 0, host: null, port: null, rack: null },
    ]);
  });
});

describe('/v1/brokers/{id}/configs', () => {
  it("reports the broker's configs under Kafka names, read-only, set ones as STATIC_BROKER_CONFIG", async () => {
    const broker = await start({ retentionMs: 60_000 });
    const answer = await send(`${broker.url}/v1/brokers/0/configs`);
    expect(answer.status).toBe(200);
    const byName = new Map(answer.body.configs.map((c: { name: string }) => [c.name, c]));
    expect(byName.get('log.retention.ms')).toMatchObject({
      value: '60000',
      source: 'STATIC_BROKER_CONFIG',
      readOnly: true,
    });
    expect(byName.get('log.segment.bytes')).toMatchObject({ value: '1073741824', source: 'DEFAULT_CONFIG' });
    expect(byName.get('advertised.listeners')).toMatchObject({ value: `PLAINTEXT://127.0.0.1:${broker.kafkaPort}` });
    expect(answer.body.configs.every((c: { readOnly: boolean }) => c.readOnly)).toBe(true);

    const other = await send(`${broker.url}/v1/brokers/7/configs`);
    expect(other.status).toBe(400);
    expect(other.body.error).toMatchObject({ name: 'INVALID_REQUEST', message: 'Unknown broker 7: this is broker 0' });
    const patched = await send(`${broker.url}/v1/brokers/0/configs`, 'PATCH', { set: { 'log.retention.ms': 1 } });
    expect(patched.status).toBe(400);
    expect(patched.body.error.message).toMatch(/read-only.*log.retention.ms/);
  });
});

describe('/v1/log-dirs', () => {
  it('reports the data directory with its size and free space, and each partition size', async () => {
    const dataDir = await dirs.make();
    const broker = await start({ inMemory: false, dataDir });
    await send(`${broker.url}/v1/topics`, 'POST', { name: 'sized', partitions: 2 });
    await send(`${broker.url}/v1/topics/sized/records`, 'POST', {
      records: [{ value: 'x'.repeat(500), partition: 1 }],
    });
    const { logDirs } = (await send(`${broker.url}/v1/log-dirs`)).body;
    expect(logDirs).toHaveLength(1);
    const [dir] = logDirs;
    expect(dir.path).toBe(dataDir);
    expect(dir.totalBytes).toBeGreaterThan(0);
    expect(dir.usableBytes).toBeGreaterThan(0);
    expect(dir.usableBytes).toBeLessThanOrEqual(dir.totalBytes);
    const sized = dir.topics.find((t: { topic: string }) => t.topic === 'sized');
    expect(sized.partitions).toEqual([
      { partition: 0, sizeBytes: 0, offsetLag: 0 },
      { partition: 1, sizeBytes: broker.logs.getLog('sized', 1).size, offsetLag: 0 },
    ]);
    expect(sized.partitions[1].sizeBytes).toBeGreaterThan(500);
  });
});
