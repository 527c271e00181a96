// The transaction APIs with authentication on: each needs Write on the transactional id (Kafka's
// TRANSACTIONAL_ID_AUTHORIZATION_FAILED, 53, without it) and what it touches besides (Write on
// each topic added, Read on the group whose offsets join the transaction), decided before the
// transaction coordinator is asked anything.
import { COORDINATOR_KEY_TYPE } from '@mini-kafka/kafka-protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AclBinding } from '../security/acl.js';
import { transactionalBatch } from '../testing/transactional-batches.js';
import { addOffsetsToTxnHandler } from './handlers/add-offsets-to-txn.js';
import { addPartitionsToTxnHandler } from './handlers/add-partitions-to-txn.js';
import { endTxnHandler } from './handlers/end-txn.js';
import { findCoordinatorHandler } from './handlers/find-coordinator.js';
import { initProducerIdHandler } from './handlers/init-producer-id.js';
import { produceHandler } from './handlers/produce.js';
import { txnOffsetCommitHandler } from './handlers/txn-offset-commit.js';
import { handlerContext, serve, type TestHandlerContext } from './testing/handler-context.js';

const allow = (
  principal: string,
  resourceType: AclBinding['resourceType'],
  resourceName: string,
  operation: AclBinding['operation'],
): AclBinding => ({
  principal,
  host: '*',
  resourceType,
  resourceName,
  patternType: 'Literal',
  operation,
  permission: 'Allow',
});

/** alice: Write on transactional id "alice-tx", Write on topic "orders", Read on group "billing". bob: Write on "orders" only. */
const ACLS: AclBinding[] = [
  allow('User:alice', 'TransactionalId', 'alice-tx', 'Write'),
  allow('User:alice', 'Topic', 'orders', 'Write'),
  allow('User:alice', 'Topic', 'orders', 'Read'),
  allow('User:alice', 'Group', 'billing', 'Read'),
  allow('User:bob', 'Topic', 'orders', 'Write'),
];
const alice = { principal: 'User:alice' };
const bob = { principal: 'User:bob' };

let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext({ config: { auth: true, superUsers: ['User:admin'] } });
  await ctx.logs.createTopic('orders');
  await ctx.logs.createTopic('secret');
  await ctx.security.acls.create(ACLS);
});
afterEach(() => ctx.close());

const init = (transactionalId: string, from: { principal: string }) =>
  serve(
    ctx,
    initProducerIdHandler,
    4,
    { transactionalId, transactionTimeoutMs: 30_000, producerId: -1, producerEpoch: -1 },
    from,
  );

describe('transaction APIs with ACLs', () => {
  it('needs Write on the transactional id to init, find its coordinator, end and produce', async () => {
    expect((await init('alice-tx', bob)).errorCode).toBe(53);
    const coordinator = (who: { principal: string }) =>
      serve(
        ctx,
        findCoordinatorHandler,
        4,
        { keyType: COORDINATOR_KEY_TYPE.transaction, coordinatorKeys: ['alice-tx'] },
        who,
      );
    expect((await coordinator(bob)).coordinators[0]!.errorCode).toBe(53);
    // alice may Write, which implies Describe.
    expect((await coordinator(alice)).coordinators[0]!.errorCode).toBe(0);
    const producer = await init('alice-tx', alice);
    expect(producer.errorCode).toBe(0);
    const end = (who: { principal: string }) =>
      serve(
        ctx,
        endTxnHandler,
        3,
        {
          transactionalId: 'alice-tx',
          producerId: producer.producerId,
          producerEpoch: producer.producerEpoch,
          committed: true,
        },
        who,
      );
    expect((await end(bob)).errorCode).toBe(53);
    const records = transactionalBatch(['x'], { ...producer, baseSequence: 0 });
    const produced = await serve(
      ctx,
      produceHandler,
      9,
      {
        transactionalId: 'alice-tx',
        acks: -1,
        timeoutMs: 1000,
        topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, records }] }],
      },
      bob,
    );
    expect(produced.responses[0]!.partitions[0]!.errorCode).toBe(53);
  });

  it('refuses a topic the producer may not Write, and attempts none of the others', async () => {
    const producer = await init('alice-tx', alice);
    const answer = await serve(
      ctx,
      addPartitionsToTxnHandler,
      3,
      {
        transactionalId: 'alice-tx',
        producerId: producer.producerId,
        producerEpoch: producer.producerEpoch,
        topics: [
          { name: 'orders', partitions: [0] },
          { name: 'secret', partitions: [0] },
        ],
      },
      alice,
    );
    const codes = answer.resultsByTopic.map((t) => [t.name, t.resultsByPartition[0]!.partitionErrorCode]);
    expect(Object.fromEntries(codes)).toEqual({ orders: 55, secret: 29 });
  });

  it('needs Read on the group to add its offsets and to commit them in the transaction', async () => {
    const producer = await init('alice-tx', alice);
    const addOffsets = (groupId: string) =>
      serve(
        ctx,
        addOffsetsToTxnHandler,
        3,
        {
          transactionalId: 'alice-tx',
          producerId: producer.producerId,
          producerEpoch: producer.producerEpoch,
          groupId,
        },
        alice,
      );
    expect((await addOffsets('other')).errorCode).toBe(30);
    expect((await addOffsets('billing')).errorCode).toBe(0);
    const commit = (groupId: string, from: { principal: string }) =>
      serve(
        ctx,
        txnOffsetCommitHandler,
        3,
        {
          transactionalId: 'alice-tx',
          groupId,
          producerId: producer.producerId,
          producerEpoch: producer.producerEpoch,
          generationId: -1,
          memberId: '',
          groupInstanceId: null,
          topics: [
            {
              name: 'orders',
              partitions: [
                { partitionIndex: 0, committedOffset: 0, committedLeaderEpoch: -1, committedMetadata: null },
              ],
            },
          ],
        },
        from,
      );
    expect((await commit('billing', bob)).topics[0]!.partitions[0]!.errorCode).toBe(53);
    expect((await commit('other', alice)).topics[0]!.partitions[0]!.errorCode).toBe(30);
    expect((await commit('billing', alice)).topics[0]!.partitions[0]!.errorCode).toBe(0);
    // Pending until the transaction commits.
    expect(ctx.coordinator.committed('billing')).toEqual([]);
  });
});
