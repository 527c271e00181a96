/**
 * Transactional offset commits (Kafka's TxnOffsetCommit and the offset side of EndTxn), for
 * the GroupCoordinator facade. A TxnOffsetCommit's offsets become PENDING in the offset store
 * under (group, producer id): durable, invisible to OffsetFetch, lag and `committed()`, until
 * the transaction coordinator's marker target calls `complete` (commit: they become the
 * group's committed offsets; abort: they are dropped). OffsetFetch with require_stable
 * answers UNSTABLE_OFFSET_COMMIT for a partition with pending offsets.
 *
 * Deleting a group, a topic or a partition's offsets also drops the offsets pending for those
 * partitions (Kafka's removeOffsets); a transaction that later commits then commits nothing
 * there. A group with pending offsets counts as holding offsets: it is listed, and not forgotten.
 */
import type { ErrorType } from '@mini-kafka/protocol/core';
import { toMiniKafkaError } from '@mini-kafka/protocol/core';
import type { OffsetStore } from '../offsets/offset-store.js';
import type { PartitionBounds } from './commit-rule.js';
import type { KafkaGroup } from './kafka/group.js';
import {
  checkTxnOffsets,
  type TxnCommitIdentity,
  type TxnOffsetInput,
  type TxnPartitionResult,
  txnCommitFence,
} from './kafka/txn-commit.js';

export interface TxnCommitInput extends TxnCommitIdentity {
  groupId: string;
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  offsets: readonly TxnOffsetInput[];
}

/** Every partition of the request answered with the same error. */
export function answerEveryTxn(offsets: readonly TxnOffsetInput[], error: ErrorType): TxnPartitionResult[] {
  return offsets.map(({ topic, partition }) => ({ topic, partition, error }));
}

/** Checks a TxnOffsetCommit for a validated group id and writes the accepted offsets as pending. */
export async function txnCommitOffsets(
  store: OffsetStore,
  broker: PartitionBounds,
  group: KafkaGroup | undefined,
  groupId: string,
  input: TxnCommitInput,
  now: number,
): Promise<TxnPartitionResult[]> {
  const offsets = Array.isArray(input.offsets) ? input.offsets : [];
  if (!Number.isSafeInteger(input.producerId) || input.producerId < 0)
    return answerEveryTxn(offsets, 'INVALID_REQUEST');
  const fenced = txnCommitFence(group, input);
  if (fenced !== null) return answerEveryTxn(offsets, fenced);
  const { results, entries } = checkTxnOffsets(offsets, broker);
  if (entries.length === 0) return results;
  try {
    await store.commitPending(
      groupId,
      input.producerId,
      entries.map((entry) => ({ ...entry, commitTimestamp: now })),
    );
  } catch (error) {
    const type = toMiniKafkaError(error).type;
    for (const result of results) if (result.error === null) result.error = type;
  }
  return results;
}
