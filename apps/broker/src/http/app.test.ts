import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { send } from './testing/serve-app.js';

let broker: Broker;
beforeAll(async () => {
  broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent', maxRequestBytes: 1024 });
  await send(`${broker.url}/v1/topics`, 'POST', { name: 'known', partitions: 2 });
});
afterAll(() => broker.close());

const url = (path: string): string => `${broker.url}${path}`;

describe('the /v1 API answers errors as {"error":{"code","name","message"}}', () => {
  it('for a path or method it does not serve: 404 INVALID_REQUEST', async () => {
    for (const [method, path] of [
      ['GET', '/v1/nothing'],
      ['PUT', '/v1/topics'],
      ['GET', '/v1/groups/g/nothing'],
      ['GET', '/v1'],
    ] as const) {
      const answer = await send(url(path), method);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).toEqual({
        error: { code: 42, name: 'INVALID_REQUEST', message: `No route for ${method} ${path}` },
      });
    }
  });

  it('for bad input: 400, naming the problem', async () => {
    const badName = await send(url('/v1/topics'), 'POST', { name: '../x' });
    expect(badName.status).toBe(400);
    expect(badName.body.error).toMatchObject({ code: 42, name: 'INVALID_REQUEST' });
    expect(badName.body.error.message).toMatch(/^Invalid request body: name: /);
    const badField = await send(url('/v1/topics'), 'POST', { name: 'fine', partitions: 'many' });
    expect(badField.status).toBe(400);
    expect(badField.body.error).toMatchObject({ code: 42, name: 'INVALID_REQUEST' });
    expect(badField.body.error.message).toMatch(/partitions/);
    const badJson = await send(url('/v1/topics/known/records'), 'POST', '{"records": [');
    expect(badJson.status).toBe(400);
    expect(badJson.body.error).toEqual({
      code: 42,
      name: 'INVALID_REQUEST',
      message: 'Request body is not valid JSON',
    });
    const badPartition = await send(url('/v1/topics/known/partitions/x/records?offset=0'));
    expect(badPartition.status).toBe(400);
    expect(badPartition.body.error.message).toBe('partition must be a non-negative integer');
  });

  it('for an unknown topic or partition: 404 UNKNOWN_TOPIC_OR_PARTITION', async () => {
    const topic = await send(url('/v1/topics/nope'));
    expect(topic.status).toBe(404);
    expect(topic.body).toEqual({
      error: {
        code: 3,
        name: 'UNKNOWN_TOPIC_OR_PARTITION',
        message: 'Topic "nope" does not exist',
        details: { topic: 'nope' },
      },
    });
    const partition = await send(url('/v1/topics/known/partitions/9/records?offset=0'));
    expect(partition.status).toBe(404);
    expect(partition.body.error).toMatchObject({ code: 3, name: 'UNKNOWN_TOPIC_OR_PARTITION' });
  });

  it('for a body over the limit: 413, naming the limit', async () => {
    const answer = await send(url('/v1/topics/known/records'), 'POST', { records: [{ value: 'x'.repeat(2000) }] });
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatchObject({ code: 18, name: 'RECORD_LIST_TOO_LARGE', details: { limit: 1024 } });
    expect(answer.text).not.toContain('xxxx');
  });
});

describe('the tutorial routes answer errors as {"detail"}', () => {
  it('for a path or method they do not serve: 404', async () => {
    for (const [method, path] of [
      ['GET', '/topics/known/nothing'],
      ['DELETE', '/topics/known/messages'],
      ['GET', '/topics'],
    ] as const) {
      const answer = await send(url(path), method);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).toEqual({ detail: `No route for ${method} ${path}` });
    }
  });

  it('for bad input: 400, naming the problem', async () => {
    const badCount = await send(url('/topics/known/create?num_partitions=-1'), 'POST');
    expect(badCount.status).toBe(400);
    expect(badCount.body.detail).toMatch(/^Invalid query: num_partitions: /);
    const badName = await send(url('/topics/a%2Fb/create'), 'POST');
    expect(badName.status).toBe(400);
    expect(badName.body.detail).toMatch(/^Invalid topic name/);
    const badJson = await send(url('/topics/known/messages'), 'POST', '{"message": ');
    expect(badJson.status).toBe(400);
    expect(badJson.body).toEqual({ detail: 'Request body is not valid JSON' });
  });

  it('for an unknown topic: 404', async () => {
    const answer = await send(url('/topics/nope/messages?consumer_id=c'));
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ detail: 'Topic nope not found' });
  });
});

describe('paths outside both APIs', () => {
  it('answer 404 {"detail"}; /health answers its status; / is the web console', async () => {
    for (const path of ['/nothing', '/v2/topics']) {
      const answer = await send(url(path));
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).toEqual({ detail: `No route for GET ${path}` });
    }
    expect(await send(url('/health'))).toMatchObject({ status: 200, body: { status: 'ok' } });
    const home = await fetch(url('/'));
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<title>Overview · Mini Kafka</title>');
  });
});
