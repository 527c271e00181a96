// The Kafka listener's access matrix: four principals with different ACLs against every API,
// through the real handlers and codecs, with authentication on. Allowed requests succeed (or
// fail for reasons that are not authorization); the others get Kafka's code, decided before
// the topic or group is looked up (a missing topic the principal may not see is 29, not 3).
import { encodeRecordBatch } from '@mini-kafka/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AclBinding } from '../security/acl.js';
import { createPartitionsHandler } from './handlers/create-partitions.js';
import { createTopicsHandler } from './handlers/create-topics.js';
import { deleteGroupsHandler } from './handlers/delete-groups.js';
import { deleteRecordsHandler } from './handlers/delete-records.js';
import { deleteTopicsHandler } from './handlers/delete-topics.js';
import { describeClusterHandler } from './handlers/describe-cluster.js';
import { describeConfigsHandler } from './handlers/describe-configs.js';
import { describeGroupsHandler } from './handlers/describe-groups.js';
import { describeLogDirsHandler } from './handlers/describe-log-dirs.js';
import { fetchHandler } from './handlers/fetch.js';
import { findCoordinatorHandler } from './handlers/find-coordinator.js';
import { heartbeatHandler } from './handlers/heartbeat.js';
import { incrementalAlterConfigsHandler } from './handlers/incremental-alter-configs.js';
import { initProducerIdHandler } from './handlers/init-producer-id.js';
import { joinGroupHandler } from './handlers/join-group.js';
import { leaveGroupHandler } from './handlers/leave-group.js';
import { listGroupsHandler } from './handlers/list-groups.js';
import { listOffsetsHandler } from './handlers/list-offsets.js';
import { metadataHandler } from './handlers/metadata.js';
import { offsetCommitHandler } from './handlers/offset-commit.js';
import { offsetDeleteHandler } from './handlers/offset-delete.js';
import { offsetFetchHandler } from './handlers/offset-fetch.js';
import { produceHandler } from './handlers/produce.js';
import { syncGroupHandler } from './handlers/sync-group.js';
import { handlerContext, serve, type TestHandlerContext } from './testing/handler-context.js';

const PRINCIPALS = ['admin', 'alice', 'bob', 'eve'] as const;
type Who = (typeof PRINCIPALS)[number];
const as = (who: Who) => ({ principal: `User:${who}` });

const allow = (
  principal: string,
  resourceType: AclBinding['resourceType'],
  resourceName: string,
  operation: AclBinding['operation'],
  patternType: AclBinding['patternType'] = 'Literal',
  permission: AclBinding['permission'] = 'Allow',
): AclBinding => ({ principal, host: '*', resourceType, resourceName, patternType, operation, permission });

/**
 * admin: a super user. alice: everything on topics and groups starting "alice-", Read on
 * "shared", IdempotentWrite on the cluster, but Delete denied on alice-keep. bob: Write on
 * bob-logs, Describe on shared, Read on group bob-group. eve: nothing.
 */
const ACLS: AclBinding[] = [
  allow('User:alice', 'Topic', 'alice-', 'All', 'Prefixed'),
  allow('User:alice', 'Group', 'alice-', 'All', 'Prefixed'),
  allow('User:alice', 'Topic', 'shared', 'Read'),
  allow('User:alice', 'Cluster', 'kafka-cluster', 'IdempotentWrite'),
  allow('User:alice', 'Topic', 'alice-keep', 'Delete', 'Literal', 'Deny'),
  allow('User:bob', 'Topic', 'bob-logs', 'Write'),
  allow('User:bob', 'Topic', 'shared', 'Describe'),
  allow('User:bob', 'Group', 'bob-group', 'Read'),
];

let ctx: TestHandlerContext;
beforeAll(async () => {
  ctx = await handlerContext({ config: { auth: true, superUsers: ['User:admin'], groupInitialRebalanceDelayMs: 0 } });
  for (const topic of ['alice-orders', 'alice-keep', 'bob-logs', 'shared']) await ctx.logs.createTopic(topic);
  await ctx.logs.getLog('alice-orders', 0).append([{ value: 'a' }]);
  await ctx.logs.getLog('shared', 0).append([{ value: 's' }]);
  await ctx.coordinator.resetOffsets('alice-group', [{ topic: 'alice-orders', partition: 0, offset: 1 }]);
  await ctx.coordinator.resetOffsets('alice-group', [{ topic: 'shared', partition: 0, offset: 1 }]);
  await ctx.coordinator.resetOffsets('bob-group', [{ topic: 'bob-logs', partition: 0, offset: 0 }]);
  await ctx.security.acls.create(ACLS);
});
afterAll(() => ctx.close());

/** Runs `call` as each principal; the result (an error code, a list) per principal. */
async function matrix<T>(call: (who: Who) => Promise<T>): Promise<Record<Who, T>> {
  const out = {} as Record<Who, T>;
  for (const who of PRINCIPALS) out[who] = await call(who);
  return out;
}

const produce = (who: Who, topic: string) =>
  serve(
    ctx,
    produceHandler,
    9,
    {
      transactionalId: null,
      acks: -1,
      timeoutMs: 1000,
      topics: [{ name: topic, partitions: [{ partitionIndex: 0, records: encodeRecordBatch([{ value: 'v' }]) }] }],
    },
    as(who),
  ).then((r) => r.responses[0]?.partitions[0]?.errorCode);

const fetch = (who: Who, topic: string) =>
  serve(
    ctx,
    fetchHandler,
    11,
    {
      maxWaitMs: 0,
      minBytes: 0,
      topics: [{ topic, partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20 }] }],
    },
    as(who),
  ).then((r) => r.responses[0]?.partitions[0]?.errorCode);

const metadataOf = (who: Who, topics: string[] | null, allowAutoTopicCreation = false) =>
  serve(
    ctx,
    metadataHandler,
    12,
    { topics: topics === null ? null : topics.map((name) => ({ name })), allowAutoTopicCreation },
    as(who),
  );

describe('the Kafka access matrix (auth on)', () => {
  it('Produce needs Write on the topic; a missing topic is 29 to those who may not see it', async () => {
    expect(await matrix((who) => produce(who, 'alice-orders'))).toEqual({ admin: 0, alice: 0, bob: 29, eve: 29 });
    expect(await matrix((who) => produce(who, 'bob-logs'))).toEqual({ admin: 0, alice: 29, bob: 0, eve: 29 });
    // Read on shared is not Write.
    expect(await matrix((who) => produce(who, 'shared'))).toEqual({ admin: 0, alice: 29, bob: 29, eve: 29 });
    expect(await matrix((who) => produce(who, 'nowhere'))).toEqual({ admin: 3, alice: 29, bob: 29, eve: 29 });
    expect(await produce('alice', 'alice-missing')).toBe(3);
  });

  it('Fetch needs Read, ListOffsets Describe', async () => {
    expect(await matrix((who) => fetch(who, 'shared'))).toEqual({ admin: 0, alice: 0, bob: 29, eve: 29 });
    // A fetch as a replica (replica id 1) needs ClusterAction, which only the super user has.
    const asReplica = (who: Who) =>
      serve(
        ctx,
        fetchHandler,
        11,
        {
          replicaId: 1,
          maxWaitMs: 0,
          minBytes: 0,
          topics: [{ topic: 'shared', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20 }] }],
        },
        as(who),
      ).then((r) => r.responses[0]?.partitions[0]?.errorCode);
    expect(await matrix(asReplica)).toEqual({ admin: 0, alice: 29, bob: 29, eve: 29 });
    const listOffsets = (who: Who) =>
      serve(
        ctx,
        listOffsetsHandler,
        7,
        { replicaId: -1, topics: [{ name: 'shared', partitions: [{ partitionIndex: 0, timestamp: -1 }] }] },
        as(who),
      ).then((r) => r.topics[0]?.partitions[0]?.errorCode);
    expect(await matrix(listOffsets)).toEqual({ admin: 0, alice: 0, bob: 0, eve: 29 });
  });

  it('Metadata lists only the topics each may Describe, refuses named ones (29), and auto-creates with Create', async () => {
    const listed = await matrix(async (who) => (await metadataOf(who, null)).topics.map((t) => t.name).sort());
    expect(listed.admin).toEqual(expect.arrayContaining(['alice-keep', 'alice-orders', 'bob-logs', 'shared']));
    expect(listed.alice).toEqual(['alice-keep', 'alice-orders', 'shared']);
    expect(listed.bob).toEqual(['bob-logs', 'shared']);
    expect(listed.eve).toEqual([]);
    const named = await matrix(async (who) => (await metadataOf(who, ['bob-logs'])).topics[0]?.errorCode);
    expect(named).toEqual({ admin: 0, alice: 29, bob: 0, eve: 29 });
    // Auto-creation: alice may create under alice-, bob may not create anything.
    expect((await metadataOf('alice', ['alice-auto'], true)).topics[0]).toMatchObject({ errorCode: 0 });
    expect((await metadataOf('bob', ['bob-auto'], true)).topics[0]).toMatchObject({ errorCode: 29 });
    expect(ctx.logs.getTopic('bob-auto')).toBeUndefined();
    // Authorized operations are the principal's own: bob may only Describe shared (8).
    // v10: the last version with the cluster's field.
    const ops = await serve(
      ctx,
      metadataHandler,
      10,
      {
        topics: [{ name: 'shared' }],
        allowAutoTopicCreation: false,
        includeTopicAuthorizedOperations: true,
        includeClusterAuthorizedOperations: true,
      },
      as('bob'),
    );
    expect(ops.topics[0]?.topicAuthorizedOperations).toBe(1 << 8);
    expect(ops.clusterAuthorizedOperations).toBe(0);
  });

  it('group APIs need Read (join, sync, heartbeat, leave, commit) or Describe (coordinator, offsets, describe) on the group', async () => {
    const findCoordinator = (who: Who) =>
      serve(ctx, findCoordinatorHandler, 4, { keyType: 0, coordinatorKeys: ['alice-group'] }, as(who)).then(
        (r) => r.coordinators[0]?.errorCode,
      );
    expect(await matrix(findCoordinator)).toEqual({ admin: 0, alice: 0, bob: 30, eve: 30 });
    const join = (who: Who) =>
      serve(
        ctx,
        joinGroupHandler,
        9,
        {
          groupId: 'alice-group',
          sessionTimeoutMs: 10_000,
          rebalanceTimeoutMs: 10_000,
          memberId: '',
          groupInstanceId: null,
          protocolType: 'consumer',
          protocols: [{ name: 'range', metadata: Buffer.alloc(0) }],
          reason: null,
        },
        as(who),
      ).then((r) => r.errorCode);
    // 79: MEMBER_ID_REQUIRED, the first step of an allowed join.
    expect(await matrix(join)).toEqual({ admin: 79, alice: 79, bob: 30, eve: 30 });
    const member = { groupId: 'bob-group', generationId: 1, memberId: 'm', groupInstanceId: null };
    const heartbeat = (who: Who) => serve(ctx, heartbeatHandler, 4, member, as(who)).then((r) => r.errorCode);
    // 25: UNKNOWN_MEMBER_ID: allowed, but no such member.
    expect(await matrix(heartbeat)).toEqual({ admin: 25, alice: 30, bob: 25, eve: 30 });
    const sync = (who: Who) =>
      serve(
        ctx,
        syncGroupHandler,
        5,
        { ...member, protocolType: null, protocolName: null, assignments: [] },
        as(who),
      ).then((r) => r.errorCode);
    expect((await matrix(sync)).eve).toBe(30);
    const leave = (who: Who) =>
      serve(
        ctx,
        leaveGroupHandler,
        5,
        { groupId: 'bob-group', members: [{ memberId: 'm', groupInstanceId: null, reason: null }] },
        as(who),
      ).then((r) => r.errorCode);
    expect(await matrix(leave)).toMatchObject({ alice: 30, eve: 30 });

    const commit = (who: Who, topic: string) =>
      serve(
        ctx,
        offsetCommitHandler,
        8,
        {
          groupId: 'alice-group',
          generationId: -1,
          memberId: '',
          groupInstanceId: null,
          topics: [{ name: topic, partitions: [{ partitionIndex: 0, committedOffset: 1, committedMetadata: null }] }],
        },
        as(who),
      ).then((r) => r.topics[0]?.partitions[0]?.errorCode);
    expect(await matrix((who) => commit(who, 'alice-orders'))).toEqual({ admin: 0, alice: 0, bob: 30, eve: 30 });
    // alice may use her group, but not commit for a topic she may not Read.
    expect(await commit('alice', 'bob-logs')).toBe(29);

    const offsets = (who: Who, topics: { name: string; partitionIndexes: number[] }[] | null) =>
      serve(
        ctx,
        offsetFetchHandler,
        8,
        { groups: [{ groupId: 'alice-group', topics }], requireStable: false },
        as(who),
      );
    const everything = await matrix(async (who) => {
      const group = (await offsets(who, null)).groups[0];
      return { errorCode: group?.errorCode, topics: group?.topics.map((t) => t.name).sort() };
    });
    expect(everything).toEqual({
      admin: { errorCode: 0, topics: ['alice-orders', 'shared'] },
      alice: { errorCode: 0, topics: ['alice-orders', 'shared'] },
      bob: { errorCode: 30, topics: [] },
      eve: { errorCode: 30, topics: [] },
    });
    // Offsets of a topic the principal may not Describe are 29, the others served.
    await ctx.security.acls.create([allow('User:bob', 'Group', 'alice-group', 'Describe')]);
    const mixed = (
      await offsets('bob', [
        { name: 'alice-orders', partitionIndexes: [0] },
        { name: 'shared', partitionIndexes: [0] },
      ])
    ).groups[0];
    expect(mixed?.topics.map((t) => [t.name, t.partitions[0]?.errorCode, t.partitions[0]?.committedOffset])).toEqual([
      ['alice-orders', 29, -1],
      ['shared', 0, 1],
    ]);
    expect((await offsets('bob', null)).groups[0]?.topics.map((t) => t.name)).toEqual(['shared']);
    await ctx.security.acls.delete([{ principal: 'User:bob', resourceType: 'Group', resourceName: 'alice-group' }]);

    const describeGroups = (who: Who) =>
      serve(
        ctx,
        describeGroupsHandler,
        5,
        { groups: ['alice-group'], includeAuthorizedOperations: true },
        as(who),
      ).then((r) => r.groups[0]?.errorCode);
    expect(await matrix(describeGroups)).toEqual({ admin: 0, alice: 0, bob: 30, eve: 30 });
    const listGroups = (who: Who) =>
      serve(ctx, listGroupsHandler, 5, { statesFilter: [], typesFilter: [] }, as(who)).then((r) =>
        r.groups.map((g) => g.groupId).sort(),
      );
    expect(await matrix(listGroups)).toEqual({
      admin: ['alice-group', 'bob-group'],
      alice: ['alice-group'],
      bob: ['bob-group'],
      eve: [],
    });
    const offsetDelete = (who: Who) =>
      serve(
        ctx,
        offsetDeleteHandler,
        0,
        { groupId: 'alice-group', topics: [{ name: 'bob-logs', partitions: [{ partitionIndex: 0 }] }] },
        as(who),
      ).then((r) => r.errorCode || r.topics[0]?.partitions[0]?.errorCode);
    expect(await matrix(offsetDelete)).toMatchObject({ alice: 29, bob: 30, eve: 30 });
    const deleteGroups = (who: Who) =>
      serve(ctx, deleteGroupsHandler, 2, { groupsNames: ['bob-group'] }, as(who)).then((r) => r.results[0]?.errorCode);
    // bob may Read his group, not Delete it.
    expect(await deleteGroups('bob')).toBe(30);
    expect(await deleteGroups('eve')).toBe(30);
  });

  it('topic administration needs Create, Delete, Alter, DescribeConfigs or AlterConfigs on the topic', async () => {
    const createTopic = (who: Who, name: string) =>
      serve(
        ctx,
        createTopicsHandler,
        7,
        {
          topics: [{ name, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
          timeoutMs: 1000,
          validateOnly: true,
        },
        as(who),
      ).then((r) => r.topics[0]?.errorCode);
    expect(await matrix((who) => createTopic(who, 'alice-new'))).toEqual({ admin: 0, alice: 0, bob: 29, eve: 29 });
    // Create on the cluster covers every name, but the answer's configs need DescribeConfigs on the topic.
    await ctx.security.acls.create([allow('User:bob', 'Cluster', 'kafka-cluster', 'Create')]);
    const created = await serve(
      ctx,
      createTopicsHandler,
      7,
      {
        topics: [{ name: 'anything', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
        timeoutMs: 1000,
        validateOnly: true,
      },
      as('bob'),
    );
    expect(created.topics[0]).toMatchObject({ errorCode: 0, configs: null, topicConfigErrorCode: 29 });
    await ctx.security.acls.delete([{ principal: 'User:bob', resourceType: 'Cluster' }]);
    const createPartitions = (who: Who) =>
      serve(
        ctx,
        createPartitionsHandler,
        3,
        { topics: [{ name: 'alice-orders', count: 2, assignments: null }], timeoutMs: 1000, validateOnly: true },
        as(who),
      ).then((r) => r.results[0]?.errorCode);
    expect(await matrix(createPartitions)).toEqual({ admin: 0, alice: 0, bob: 29, eve: 29 });
    const describeConfigs = (who: Who, resourceType: number, resourceName: string) =>
      serve(
        ctx,
        describeConfigsHandler,
        4,
        { resources: [{ resourceType, resourceName, configurationKeys: null }] },
        as(who),
      ).then((r) => r.results[0]?.errorCode);
    expect(await matrix((who) => describeConfigs(who, 2, 'alice-orders'))).toEqual({
      admin: 0,
      alice: 0,
      bob: 29,
      eve: 29,
    });
    // The broker's configs are the cluster's.
    expect(await matrix((who) => describeConfigs(who, 4, '0'))).toEqual({ admin: 0, alice: 31, bob: 31, eve: 31 });
    const alterConfigs = (who: Who) =>
      serve(
        ctx,
        incrementalAlterConfigsHandler,
        1,
        {
          resources: [
            {
              resourceType: 2,
              resourceName: 'alice-orders',
              configs: [{ name: 'retention.ms', configOperation: 0, value: '1000' }],
            },
          ],
          validateOnly: true,
        },
        as(who),
      ).then((r) => r.responses[0]?.errorCode);
    expect(await matrix(alterConfigs)).toEqual({ admin: 0, alice: 0, bob: 29, eve: 29 });
    const deleteRecords = (who: Who) =>
      serve(
        ctx,
        deleteRecordsHandler,
        2,
        { topics: [{ name: 'alice-orders', partitions: [{ partitionIndex: 0, offset: 0 }] }], timeoutMs: 1000 },
        as(who),
      ).then((r) => r.topics[0]?.partitions[0]?.errorCode);
    expect(await matrix(deleteRecords)).toEqual({ admin: 0, alice: 0, bob: 29, eve: 29 });
    const deleteTopic = (who: Who, name: string) =>
      serve(ctx, deleteTopicsHandler, 5, { topicNames: [name], timeoutMs: 1000 }, as(who)).then(
        (r) => r.responses[0]?.errorCode,
      );
    // A Deny wins over alice's prefixed All.
    expect(await deleteTopic('alice', 'alice-keep')).toBe(29);
    expect(await deleteTopic('bob', 'alice-keep')).toBe(29);
    expect(ctx.logs.getTopic('alice-keep')).toBeDefined();
    expect(await deleteTopic('alice', 'alice-auto')).toBe(0);
  });

  it('cluster APIs need Describe on the cluster; InitProducerId IdempotentWrite or Write on some topic', async () => {
    const describeCluster = (who: Who) =>
      serve(
        ctx,
        describeClusterHandler,
        1,
        { includeClusterAuthorizedOperations: false, endpointType: 1 },
        as(who),
      ).then((r) => r.errorCode);
    expect(await matrix(describeCluster)).toEqual({ admin: 0, alice: 31, bob: 31, eve: 31 });
    const logDirs = (who: Who) =>
      serve(ctx, describeLogDirsHandler, 4, { topics: null }, as(who)).then((r) => [r.errorCode, r.results.length]);
    expect(await matrix(logDirs)).toEqual({ admin: [0, 1], alice: [31, 0], bob: [31, 0], eve: [31, 0] });
    const initProducerId = (who: Who) =>
      serve(ctx, initProducerIdHandler, 4, { transactionalId: null, transactionTimeoutMs: 1000 }, as(who)).then(
        (r) => r.errorCode,
      );
    expect(await matrix(initProducerId)).toEqual({ admin: 0, alice: 0, bob: 0, eve: 31 });
  });
});
