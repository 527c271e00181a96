/**
 * EndTxn (26) v0–4: commits or aborts a transactional producer's open transaction. The
 * transaction coordinator records the decision durably, writes a COMMIT or ABORT marker (a
 * control batch) into every partition of the transaction and makes the group offsets committed
 * in it visible (or drops them), then answers.
 *
 * Behavior: Write on the transactional id is needed (TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
 * 53). Then the coordinator's answer: NONE (also for a retry of an end that completed the same
 * way), CONCURRENT_TRANSACTIONS (51), INVALID_PRODUCER_ID_MAPPING (49), PRODUCER_FENCED (90;
 * before v2 INVALID_PRODUCER_EPOCH), INVALID_TXN_STATE (48: no transaction open, or the opposite
 * decision already taken).
 *
 * v5 (transactions v2, KIP-890: an epoch bump per transaction) is not offered: clients use it
 * only when the broker advertises that feature, which this broker does not.
 */
import { EndTxn } from '@mini-kafka/kafka-protocol';
import { mayOnTransactionalId } from '../access.js';
import { code, errorCodeOf } from '../error-codes.js';
import { defineHandler } from '../handler-registry.js';
import { transactionErrorCode } from '../transaction-errors.js';

const FENCED_SINCE = 2;

export const endTxnHandler = defineHandler({
  codec: EndTxn,
  minVersion: 0,
  maxVersion: 4,
  async handle(request, source, ctx) {
    const respond = (errorCode: number) => ({ throttleTimeMs: 0, errorCode, producerId: -1, producerEpoch: -1 });
    if (!mayOnTransactionalId(ctx, source, 'Write', request.transactionalId))
      return respond(code('TRANSACTIONAL_ID_AUTHORIZATION_FAILED'));
    try {
      const { error } = await ctx.transactions.endTxn({
        transactionalId: request.transactionalId,
        producerId: request.producerId,
        producerEpoch: request.producerEpoch,
        commit: request.committed,
      });
      return respond(transactionErrorCode(error, source.apiVersion, FENCED_SINCE));
    } catch (error) {
      return respond(errorCodeOf(error));
    }
  },
});
