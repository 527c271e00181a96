import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../../broker.js';
import { send } from '../testing/serve-app.js';

let broker: Broker;
beforeAll(async () => {
  broker = await createBroker({
    inMemory: true,
    port: 0,
    kafkaPort: -1,
    logLevel: 'silent',
    maxTopics: 2,
    maxPartitions: 4,
  });
});
afterAll(() => broker.close());

const url = (path: string): string => `${broker.url}${path}`;
const TOPICS = `(the maxTopics setting; the broker's --max-topics flag raises it)`;
const PARTITIONS = `(the maxPartitions setting; the broker's --max-partitions flag raises it)`;

describe('the broker-wide topic and partition limits over HTTP', () => {
  it('refuse every way of making topics and partitions past them with 400 POLICY_VIOLATION, naming the limit', async () => {
    expect((await send(url('/v1/topics'), 'POST', { name: 'a', partitions: 3 })).status).toBe(201);

    const wide = await send(url('/v1/topics'), 'POST', { name: 'wide', partitions: 2 });
    expect([wide.status, wide.body.error.code, wide.body.error.name]).toEqual([400, 44, 'POLICY_VIOLATION']);
    expect(wide.body.error.message).toBe(
      `Cannot create topic "wide" with 2 partitions: the broker would hold 5 partitions across all topics and its limit is 4 ${PARTITIONS}`,
    );
    expect(wide.body.error.details).toMatchObject({ limit: 4 });
    const validated = await send(url('/v1/topics'), 'POST', { name: 'wide', partitions: 2, validateOnly: true });
    expect(validated.status).toBe(400);
    const grown = await send(url('/v1/topics/a/partitions'), 'POST', { partitions: 5 });
    expect([grown.status, grown.body.error.name]).toEqual([400, 'POLICY_VIOLATION']);
    expect(grown.body.error.message).toContain(PARTITIONS);

    // The second topic fits (1 partition); a third one of any kind does not.
    expect((await send(url('/topics/b/create?num_partitions=1'), 'POST')).status).toBe(200);
    const refusedTopic = `the broker holds 2 topics and its limit is 2 ${TOPICS}`;
    const v1 = await send(url('/v1/topics'), 'POST', { name: 'c' });
    expect([v1.status, v1.body.error.message]).toEqual([400, `Cannot create topic "c": ${refusedTopic}`]);
    const tutorial = await send(url('/topics/c/create?num_partitions=1'), 'POST');
    expect([tutorial.status, tutorial.body]).toEqual([400, { detail: `Cannot create topic "c": ${refusedTopic}` }]);
    const tutorialProduce = await send(url('/topics/c/messages?message=hi'), 'POST');
    expect(tutorialProduce.status).toBe(400);
    const produce = await send(url('/v1/topics/c/records'), 'POST', { records: [{ value: 'hi' }] });
    expect([produce.status, produce.body.error.name]).toEqual([400, 'POLICY_VIOLATION']);
    const metadata = await send(url('/v1/producers/topic-metadata'), 'POST', { topic: 'c' });
    expect([metadata.status, metadata.body.error.name]).toEqual([400, 'POLICY_VIOLATION']);
    const member = await send(url('/v1/groups/g/members'), 'POST', { topics: ['c'] });
    expect([member.status, member.body.error.name]).toEqual([400, 'POLICY_VIOLATION']);

    const topics = await send(url('/v1/topics'));
    expect(topics.body.topics.map((t: { name: string }) => t.name)).toEqual(['a', 'b']);
    // Room made by a delete is room again.
    expect((await send(url('/v1/topics/b'), 'DELETE')).status).toBe(204);
    expect((await send(url('/v1/topics/c/records'), 'POST', { records: [{ value: 'hi' }] })).status).toBe(200);
  });
});
