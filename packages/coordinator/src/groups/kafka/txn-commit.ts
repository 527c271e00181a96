/**
 * TxnOffsetCommit's checks (Kafka's doTxnCommitOffsets), for `GroupCoordinator.txnCommit`.
 * The transaction coordinator has already said the producer may commit for this group
 * (AddOffsetsToTxn, current epoch); this is the group's side.
 *
 * Fence: generation -1 with the empty member id and no group.instance.id is a producer outside
 * any group membership (the form before KIP-447), allowed for any group, with or without
 * members. Otherwise (KIP-447: the consumer's group metadata): a group.instance.id another
 * member holds is FENCED_INSTANCE_ID, one nobody holds or an unknown member UNKNOWN_MEMBER_ID,
 * a generation other than the group's ILLEGAL_GENERATION. An HTTP group's members are not
 * Kafka members: naming a member of one is UNKNOWN_MEMBER_ID. Unlike OffsetCommit, a rebalance
 * under way does not refuse the commit (Kafka does not either). A fenced commit writes nothing.
 *
 * Partitions: each gets its own error (UNKNOWN_TOPIC_OR_PARTITION, OFFSET_METADATA_TOO_LARGE
 * with OffsetCommit's limit, OFFSET_OUT_OF_RANGE past the log end, INVALID_REQUEST); the valid
 * ones become pending together, the same partition twice: the later wins.
 */
import { type ErrorType, isMiniKafkaError, topicPartitionKey } from '@mini-kafka/protocol/core';
import { checkCommitRange, type PartitionBounds } from '../commit-rule.js';
import { EARLIEST_OFFSET_MARKER, type OffsetEntry, validateOffsetInput } from '../validation.js';
import { FENCED_INSTANCE_ID, NONE } from './codes.js';
import type { KafkaGroup } from './group.js';

export interface TxnCommitIdentity {
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}

/** The group-level verdict; `null` when the commit may go ahead. */
export function txnCommitFence(group: KafkaGroup | undefined, identity: TxnCommitIdentity): ErrorType | null {
  const { generationId, memberId, groupInstanceId } = identity;
  if (memberId === '' && groupInstanceId === null && generationId < 0) return null;
  if (group === undefined) return 'UNKNOWN_MEMBER_ID';
  const known = group.checkMember(memberId, groupInstanceId);
  if (known === FENCED_INSTANCE_ID) return 'FENCED_INSTANCE_ID';
  if (known !== NONE || group.member(memberId) === undefined) return 'UNKNOWN_MEMBER_ID';
  if (generationId !== group.generationId) return 'ILLEGAL_GENERATION';
  return null;
}

export interface TxnOffsetInput {
  topic: string;
  partition: number;
  offset: number;
  leaderEpoch: number;
  metadata: string | null;
}

export interface TxnPartitionResult {
  topic: string;
  partition: number;
  error: ErrorType | null;
}

function entryError(error: unknown): ErrorType {
  if (!isMiniKafkaError(error)) return 'INVALID_REQUEST';
  if (error.type === 'INVALID_COMMIT_OFFSET_SIZE') return 'OFFSET_METADATA_TOO_LARGE';
  if (error.type === 'INVALID_TOPIC_EXCEPTION') return 'UNKNOWN_TOPIC_OR_PARTITION';
  return error.type;
}

/** Checks each partition on its own: the answer (in input order) and the entries to write. */
export function checkTxnOffsets(
  offsets: readonly TxnOffsetInput[],
  broker: PartitionBounds,
): { results: TxnPartitionResult[]; entries: OffsetEntry[] } {
  const accepted = new Map<string, OffsetEntry>();
  const results = offsets.map((input): TxnPartitionResult => {
    const answer = (error: ErrorType | null) => ({ topic: input.topic, partition: input.partition, error });
    let entry: OffsetEntry;
    try {
      entry = validateOffsetInput(input, EARLIEST_OFFSET_MARKER);
    } catch (error) {
      return answer(entryError(error));
    }
    const count = broker.partitionCount(entry.topic);
    if (count === undefined || entry.partition < 0 || entry.partition >= count) {
      return answer('UNKNOWN_TOPIC_OR_PARTITION');
    }
    const outOfRange = checkCommitRange(entry, broker);
    if (outOfRange !== undefined) return answer(outOfRange.type);
    accepted.set(topicPartitionKey(entry.topic, entry.partition), entry);
    return answer(null);
  });
  return { results, entries: [...accepted.values()] };
}
