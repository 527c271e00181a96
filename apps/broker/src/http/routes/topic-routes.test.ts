import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../../broker.js';
import { send } from '../testing/serve-app.js';

let broker: Broker;
beforeAll(async () => {
  broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent' });
});
afterAll(() => broker.close());

const url = (path: string): string => `${broker.url}${path}`;

describe('/v1/topics', () => {
  it('describes a topic with its stable id; a topic created again under the same name gets a new id', async () => {
    const created = await send(url('/v1/topics'), 'POST', { name: 'ids', partitions: 2 });
    expect(created.status).toBe(201);
    const { topicId } = created.body;
    expect(topicId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await send(url('/v1/topics/ids'))).body.topicId).toBe(topicId);
    expect((await send(url('/v1/topics/ids/partitions'), 'POST', { partitions: 3 })).body.topicId).toBe(topicId);
    expect((await send(url('/v1/topics/ids'), 'DELETE')).status).toBe(204);
    const again = await send(url('/v1/topics'), 'POST', { name: 'ids' });
    expect(again.body.topicId).toMatch(/^[0-9a-f-]{36}$/);
    expect(again.body.topicId).not.toBe(topicId);
  });
});
