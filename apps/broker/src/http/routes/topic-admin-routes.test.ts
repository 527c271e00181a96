import { TempDirs } from '@mini-kafka/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../../broker.js';
import { send } from '../testing/serve-app.js';

const dirs = new TempDirs();
let broker: Broker;
beforeAll(async () => {
  broker = await createBroker({
    dataDir: await dirs.make(),
    port: 0,
    kafkaPort: -1,
    logLevel: 'silent',
    segmentBytes: 1024,
  });
});
afterAll(async () => {
  await broker.close();
  await dirs.cleanup();
});

const url = (path: string): string => `${broker.url}${path}`;
const config = (body: { configs: { name: string }[] }, name: string) => body.configs.find((c) => c.name === name);

describe('/v1/topics/{topic}/configs', () => {
  it('describes every config under Kafka names with its source, and creates topics with such configs', async () => {
    const created = await send(url('/v1/topics'), 'POST', {
      name: 'described',
      configs: { 'retention.ms': 60_000, preallocate: true },
    });
    expect(created.status).toBe(201);
    const answer = await send(url('/v1/topics/described/configs'));
    expect(answer.status).toBe(200);
    expect(answer.body.resource).toEqual({ type: 'topic', name: 'described' });
    expect(config(answer.body, 'retention.ms')).toMatchObject({
      value: '60000',
      source: 'TOPIC_CONFIG',
      readOnly: false,
      type: 'LONG',
    });
    expect(config(answer.body, 'preallocate')).toMatchObject({ value: 'true', source: 'TOPIC_CONFIG' });
    expect(config(answer.body, 'segment.bytes')).toMatchObject({ value: '1024', source: 'STATIC_BROKER_CONFIG' });
    expect(config(answer.body, 'cleanup.policy')).toMatchObject({ value: 'delete', source: 'DEFAULT_CONFIG' });
    expect((await send(url('/v1/topics/nope/configs'))).status).toBe(404);
  });

  it('alters configs live, refuses what it cannot honour with 400 naming the config, and validates only on request', async () => {
    await send(url('/v1/topics'), 'POST', { name: 'altered', partitions: 2 });
    const patched = await send(url('/v1/topics/altered/configs'), 'PATCH', {
      set: { 'retention.ms': '5000', 'max.message.bytes': 4096 },
    });
    expect(patched.status).toBe(200);
    expect(config(patched.body, 'retention.ms')).toMatchObject({ value: '5000', source: 'TOPIC_CONFIG' });
    expect(broker.logs.getLog('altered', 1).config).toMatchObject({ retentionMs: 5000, maxBatchBytes: 4096 });
    expect((await send(url('/v1/topics/altered'))).body.effectiveConfig.retentionMs).toBe(5000);

    const compact = await send(url('/v1/topics/altered/configs'), 'PATCH', { set: { 'cleanup.policy': 'compact' } });
    expect(compact.status).toBe(400);
    expect(compact.body.error).toMatchObject({ code: 40, name: 'INVALID_CONFIG' });
    expect(compact.body.error.message).toMatch(/cleanup.policy=compact is not supported/);
    const unknown = await send(url('/v1/topics/altered/configs'), 'PATCH', { set: { 'retention.days': '1' } });
    expect(unknown.body.error.message).toBe('Unknown topic config name: retention.days');
    const twice = await send(url('/v1/topics/altered/configs'), 'PATCH', {
      set: { 'retention.ms': '1' },
      delete: ['retention.ms'],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toMatch(/retention.ms.*more than once/);

    const validated = await send(url('/v1/topics/altered/configs'), 'PATCH', {
      delete: ['retention.ms'],
      validateOnly: true,
    });
    expect(config(validated.body, 'retention.ms')).toMatchObject({ value: '5000' });
    const reset = await send(url('/v1/topics/altered/configs'), 'PATCH', { delete: ['retention.ms'] });
    expect(config(reset.body, 'retention.ms')).toMatchObject({ value: '604800000', source: 'DEFAULT_CONFIG' });
    expect(config(reset.body, 'max.message.bytes')).toMatchObject({ value: '4096' });
  });
});

describe('POST /v1/topics with validateOnly and a replication factor', () => {
  it('answers what it would create, creating nothing, and refuses what a creation would', async () => {
    const validated = await send(url('/v1/topics'), 'POST', {
      name: 'would-be',
      partitions: 3,
      replicationFactor: 1,
      configs: { 'segment.ms': '1000' },
      validateOnly: true,
    });
    expect(validated.status).toBe(200);
    expect(validated.body).toMatchObject({ validateOnly: true, name: 'would-be', partitions: 3, replicationFactor: 1 });
    expect(config(validated.body, 'segment.ms')).toMatchObject({ value: '1000', source: 'TOPIC_CONFIG' });
    expect((await send(url('/v1/topics/would-be'))).status).toBe(404);

    const replicated = await send(url('/v1/topics'), 'POST', { name: 'replicated', replicationFactor: 3 });
    expect(replicated.status).toBe(400);
    expect(replicated.body.error).toMatchObject({ code: 38, name: 'INVALID_REPLICATION_FACTOR' });
    const compact = await send(url('/v1/topics'), 'POST', {
      name: 'compacted',
      configs: { 'cleanup.policy': 'compact' },
      validateOnly: true,
    });
    expect(compact.body.error).toMatchObject({ code: 40, name: 'INVALID_CONFIG' });
    expect((await send(url('/v1/topics/compacted'))).status).toBe(404);
  });
});

describe('POST /v1/topics/{topic}/partitions/{partition}/delete-records', () => {
  it('moves the log start offset: reads below it are 416, reads from it start there', async () => {
    await send(url('/v1/topics'), 'POST', { name: 'trimmed', partitions: 2 });
    const records = Array.from({ length: 10 }, (_, i) => ({ value: `v${i}`.padEnd(200, '.'), partition: 1 }));
    expect((await send(url('/v1/topics/trimmed/records'), 'POST', { records })).status).toBe(200);

    const deleted = await send(url('/v1/topics/trimmed/partitions/1/delete-records'), 'POST', { offset: 4 });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ topic: 'trimmed', partition: 1, logStartOffset: 4 });
    const below = await send(url('/v1/topics/trimmed/partitions/1/records?offset=0'));
    expect(below.status).toBe(416);
    expect(below.body.error.name).toBe('OFFSET_OUT_OF_RANGE');
    const from = await send(url('/v1/topics/trimmed/partitions/1/records?offset=4'));
    expect(from.body.records[0]).toMatchObject({ offset: 4 });
    expect(from.body.logStartOffset).toBe(4);
    expect((await send(url('/v1/topics/trimmed/partitions/1/offsets?timestamp=-2'))).body.offset).toBe(4);
    expect((await send(url('/v1/topics/trimmed'))).body.partitionDetails[1].logStartOffset).toBe(4);

    const beyond = await send(url('/v1/topics/trimmed/partitions/1/delete-records'), 'POST', { offset: 11 });
    expect(beyond.status).toBe(416);
    expect(beyond.body.error.name).toBe('OFFSET_OUT_OF_RANGE');
    const all = await send(url('/v1/topics/trimmed/partitions/1/delete-records'), 'POST', { offset: -1 });
    expect(all.body.logStartOffset).toBe(10);
    expect((await send(url('/v1/topics/trimmed/partitions/2/delete-records'), 'POST', { offset: 0 })).status).toBe(404);
    const bad = await send(url('/v1/topics/trimmed/partitions/1/delete-records'), 'POST', { offset: -2 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/offset/);
  });
});
