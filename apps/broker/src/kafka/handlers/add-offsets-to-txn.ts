/**
 * AddOffsetsToTxn (25) v0–4: a transactional producer that will commit a consumer group's
 * offsets in its transaction (sendOffsetsToTransaction) names the group first; the group's
 * offsets committed with TxnOffsetCommit then become visible on commit and are dropped on abort.
 *
 * Behavior: Write on the transactional id (TRANSACTIONAL_ID_AUTHORIZATION_FAILED, 53) and Read
 * on the group (GROUP_AUTHORIZATION_FAILED, 30) are needed. Then the transaction coordinator's
 * answer: NONE, CONCURRENT_TRANSACTIONS (51), INVALID_PRODUCER_ID_MAPPING (49), PRODUCER_FENCED
 * (90; before v2 INVALID_PRODUCER_EPOCH), INVALID_TXN_STATE (48).
 */
import { AddOffsetsToTxn } from '@mini-kafka/kafka-protocol';
import { mayOnGroup, mayOnTransactionalId } from '../access.js';
import { code, errorCodeOf } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';
import { transactionErrorCode } from '../transaction-errors.js';

const FENCED_SINCE = 2;

export const addOffsetsToTxnHandler = defineHandler({
  codec: AddOffsetsToTxn,
  minVersion: 0,
  maxVersion: 4,
  async handle(request, source, ctx) {
    const respond = (errorCode: number) => ({ throttleTimeMs: 0, errorCode });
    if (!mayOnTransactionalId(ctx, source, 'Write', request.transactionalId))
      return respond(code('TRANSACTIONAL_ID_AUTHORIZATION_FAILED'));
    if (!mayOnGroup(ctx, source, 'Read', request.groupId)) return respond(code('GROUP_AUTHORIZATION_FAILED'));
    try {
      const { error } = await ctx.transactions.addOffsets({
        transactionalId: request.transactionalId,
        producerId: request.producerId,
        producerEpoch: request.producerEpoch,
        groupId: request.groupId,
      });
      return respond(transactionErrorCode(error, source.apiVersion, FENCED_SINCE));
    } catch (error) {
      return respond(errorCodeOf(error));
    }
  },
});
