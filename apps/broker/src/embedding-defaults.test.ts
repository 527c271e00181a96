/**
 * What a newcomer gets without asking: topics created without a count take
 * `--default-partitions` on every route, and an embedded broker's Kafka listener takes a free
 * port, so it starts beside a development broker holding 9092.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from './broker.js';
import { send } from './http/testing/serve-app.js';

const started: Broker[] = [];
afterEach(async () => {
  for (const broker of started.splice(0)) await broker.close();
});

async function start(options: Parameters<typeof createBroker>[0]): Promise<Broker> {
  const broker = await createBroker({ inMemory: true, port: 0, logLevel: 'silent', ...options });
  started.push(broker);
  return broker;
}

describe('defaults', () => {
  it('gives topics created without a count --default-partitions, on the /v1 and tutorial routes', async () => {
    const { url } = await start({ defaultPartitions: 3 });
    const created = await send(`${url}/v1/topics`, 'POST', { name: 'v1-default' });
    expect(created.status).toBe(201);
    expect(created.body.partitions).toBe(3);
    expect((await send(`${url}/v1/topics`, 'POST', { name: 'v1-given', partitions: 2 })).body.partitions).toBe(2);
    const tutorial = await send(`${url}/topics/tutorial-default/create`, 'POST');
    expect(tutorial.body).toEqual({ topic: 'tutorial-default', num_partitions: 3, created: true });
    const autoCreated = await send(`${url}/v1/topics/auto/records`, 'POST', { records: [{ value: 'a' }] });
    expect(autoCreated.status).toBe(200);
    expect((await send(`${url}/v1/topics/auto`)).body.partitions).toBe(3);
  });

  it('starts an embedded broker’s Kafka listener on a free port, even with 9092 taken', async () => {
    const holder = createServer();
    const held = await new Promise<boolean>((resolve) => {
      holder.once('error', () => resolve(false)); // a development broker already holds it: fine too
      holder.listen(9092, '127.0.0.1', () => resolve(true));
    });
    try {
      const broker = await start({});
      expect(broker.kafkaPort).toBeGreaterThan(0);
      expect(broker.kafkaPort).not.toBe(9092);
      expect(broker.kafkaBootstrap).toBe(`127.0.0.1:${broker.kafkaPort}`);
      expect((await start({ kafkaPort: -1 })).kafkaBootstrap).toBeUndefined();
    } finally {
      if (held) holder.close();
    }
  });
});
