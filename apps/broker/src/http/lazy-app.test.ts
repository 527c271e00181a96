import { afterEach, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { send } from './testing/serve-app.js';

let broker: Broker | undefined;
afterEach(async () => {
  await broker?.close();
  broker = undefined;
});

describe('the HTTP API loads on its first request', () => {
  it('answers /health first, then requests of every API arriving together, and /health after', async () => {
    broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent' });
    const url = (path: string): string => `${broker!.url}${path}`;
    expect(await send(url('/health'), 'GET')).toMatchObject({ status: 200, body: { status: 'ok' } });

    const [created, tutorial, missing, outside] = await Promise.all([
      send(url('/v1/topics'), 'POST', { name: 'first', partitions: 1 }),
      send(url('/topics/tutorial/create?num_partitions=1'), 'POST'),
      send(url('/v1/topics/none'), 'GET'),
      send(url('/elsewhere'), 'GET'),
    ]);
    expect(created.status).toBe(201);
    expect(tutorial.status).toBe(200);
    expect(missing).toMatchObject({ status: 404, body: { error: { name: 'UNKNOWN_TOPIC_OR_PARTITION' } } });
    expect(outside.status).toBe(404);
    expect(await send(url('/v1/topics/first'), 'GET')).toMatchObject({ status: 200, body: { name: 'first' } });
    expect(await send(url('/health'), 'GET')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});
