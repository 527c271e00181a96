/**
 * The Kafka error code of a transaction coordinator answer at a request's version. Clients
 * older than KIP-588 know PRODUCER_FENCED (90) as INVALID_PRODUCER_EPOCH (47), so below the
 * version that introduced it an API answers 47, as Kafka does: InitProducerId v4,
 * AddPartitionsToTxn v2, AddOffsetsToTxn v2, TxnOffsetCommit v3, EndTxn v2.
 */
import type { ErrorType } from '@mini-kafka/protocol/core';
import { code, NONE } from './error-codes.js';

export function transactionErrorCode(error: ErrorType | null, apiVersion: number, fencedSince: number): number {
  if (error === null) return NONE;
  if (error === 'PRODUCER_FENCED' && apiVersion < fencedSince) return code('INVALID_PRODUCER_EPOCH');
  return code(error);
}
