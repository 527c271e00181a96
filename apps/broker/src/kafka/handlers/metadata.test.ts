import { afterEach, describe, expect, it } from 'vitest';
import { NOT_REQUESTED } from '../authorized-operations.js';
import { ADVERTISED, callHandler, handlerContext, type TestHandlerContext } from '../testing/handler-context.js';
import { metadataHandler } from './metadata.js';

let ctx: TestHandlerContext | undefined;
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

async function withTopics(config: { autoCreateTopics?: boolean; defaultPartitions?: number } = {}) {
  ctx = await handlerContext({ config });
  await ctx.logs.createTopic('orders', { partitions: 3 });
  await ctx.logs.createTopic('audit', { partitions: 1 });
  return ctx;
}

const ask = (topics: string[] | null, allowAutoTopicCreation = true) => ({
  topics: topics === null ? null : topics.map((name) => ({ name })),
  allowAutoTopicCreation,
});

describe('Metadata', () => {
  it('describes the one broker, the controller and every partition led by node 0', async () => {
    const context = await withTopics();
    const response = await callHandler(metadataHandler, context, 4, ask(['orders']));
    expect(response).toMatchObject({
      brokers: [{ nodeId: 0, host: ADVERTISED.host, port: ADVERTISED.port, rack: null }],
      clusterId: 'mini-kafka',
      controllerId: 0,
    });
    expect(response?.topics).toMatchObject([
      {
        errorCode: 0,
        name: 'orders',
        isInternal: false,
        partitions: [0, 1, 2].map((partitionIndex) => ({
          errorCode: 0,
          partitionIndex,
          leaderId: 0,
          replicaNodes: [0],
          isrNodes: [0],
        })),
      },
    ]);
  });

  it('v12: topic ids and leader epochs; topics asked for by id; an id no topic has is UNKNOWN_TOPIC_ID', async () => {
    const context = await withTopics();
    const ordersId = context.logs.topicId('orders')!;
    const unknownId = '6a1f0b5e-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
    const response = await callHandler(metadataHandler, context, 12, {
      topics: [{ name: 'audit' }, { topicId: unknownId, name: null }, { topicId: ordersId, name: null }],
    });
    expect(response?.topics[0]).toMatchObject({ name: 'audit', topicId: context.logs.topicId('audit') });
    expect(response?.topics[0]?.partitions[0]).toMatchObject({ partitionIndex: 0, leaderId: 0, leaderEpoch: 0 });
    expect(response?.topics[2]).toMatchObject({ errorCode: 0, name: 'orders', topicId: ordersId });
    expect(response?.topics[2]?.partitions).toHaveLength(3);
    expect(response?.topics[1]).toEqual({
      errorCode: 100,
      name: null,
      topicId: unknownId,
      isInternal: false,
      partitions: [],
      topicAuthorizedOperations: -2147483648,
    });
  });

  it('v8+: authorized operations when asked for (every operation, as Kafka without an authorizer), else "not requested"', async () => {
    const context = await withTopics();
    const asked = await callHandler(metadataHandler, context, 10, {
      topics: [{ name: 'orders' }],
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: true,
      includeTopicAuthorizedOperations: true,
    });
    expect(asked?.topics[0]?.topicAuthorizedOperations).toBe(0b1101_1111_1000 /* every topic operation */);
    expect(asked?.clusterAuthorizedOperations).toBe(0b1_1111_1010_0000 /* every cluster operation */);
    const notAsked = await callHandler(metadataHandler, context, 10, ask(['orders'], false));
    expect(notAsked?.topics[0]?.topicAuthorizedOperations).toBe(NOT_REQUESTED);
    expect(notAsked?.clusterAuthorizedOperations).toBe(NOT_REQUESTED);
  });

  it('lists every topic for a null list (v1+) and for an empty one at v0; none for an empty one at v1+', async () => {
    const context = await withTopics();
    const names = async (version: number, topics: string[] | null) =>
      (await callHandler(metadataHandler, context, version, ask(topics)))?.topics.map((t) => t.name).sort();
    expect(await names(4, null)).toEqual(['audit', 'orders']);
    expect(await names(1, null)).toEqual(['audit', 'orders']);
    expect(await names(0, null)).toEqual(['audit', 'orders']);
    expect(await names(4, [])).toEqual([]);
  });

  it('creates a missing topic only when both the request and the broker allow it', async () => {
    for (const [requestAllows, brokerAllows] of [
      [true, true],
      [true, false],
      [false, true],
      [false, false],
    ] as const) {
      const context = await withTopics({ autoCreateTopics: brokerAllows, defaultPartitions: 2 });
      const [topic] = (await callHandler(metadataHandler, context, 4, ask(['fresh'], requestAllows)))!.topics;
      const allowed = requestAllows && brokerAllows;
      const label = `request ${requestAllows}, broker ${brokerAllows}`;
      expect(topic?.errorCode, label).toBe(allowed ? 0 : 3);
      expect(topic?.partitions.length, label).toBe(allowed ? 2 : 0);
      expect(context.logs.getTopic('fresh')?.partitions, label).toBe(allowed ? 2 : undefined);
      await context.close();
      ctx = undefined;
    }
  });

  it('answers POLICY_VIOLATION for a topic auto-creation would put past maxTopics, and creates nothing', async () => {
    ctx = await handlerContext({ config: { maxTopics: 3 } });
    await ctx.logs.createTopic('orders', { partitions: 3 });
    await ctx.logs.createTopic('audit', { partitions: 1 });
    const response = await callHandler(metadataHandler, ctx, 4, ask(['fresh', 'fresher'], true));
    expect(response?.topics.map((t) => [t.name, t.errorCode, t.partitions.length])).toEqual([
      ['fresh', 0, 1],
      ['fresher', 44, 0],
    ]);
    expect(ctx.logs.hasTopic('fresher')).toBe(false);
  });

  it('lets versions before 4 (which cannot say) create topics when the broker allows it', async () => {
    const context = await withTopics();
    const [topic] = (await callHandler(metadataHandler, context, 1, ask(['older'], false)))!.topics;
    expect(topic?.errorCode).toBe(0);
    expect(context.logs.hasTopic('older')).toBe(true);
  });

  it('answers INVALID_TOPIC_EXCEPTION for an invalid name and creates nothing', async () => {
    const context = await withTopics();
    const response = await callHandler(metadataHandler, context, 4, ask(['..', 'a/b', 'x'.repeat(250), 'orders']));
    expect(response?.topics.map((t) => [t.errorCode, t.partitions.length])).toEqual([
      [17, 0],
      [17, 0],
      [17, 0],
      [0, 3],
    ]);
    expect(
      context.logs
        .listTopics()
        .map((t) => t.name)
        .sort(),
    ).toEqual(['audit', 'orders']);
  });
});
