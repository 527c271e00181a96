/**
 * The errors of group membership and offset commits. Messages name the group, member,
 * generation, topic and partition (ids are validated: short and printable), never data.
 */
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import type { GroupKind } from './state.js';

export function coordinatorClosed(): MiniKafkaError {
  return new MiniKafkaError('COORDINATOR_NOT_AVAILABLE', 'The group coordinator is closed');
}

export function unknownMember(group: string, member: string): MiniKafkaError {
  return new MiniKafkaError('UNKNOWN_MEMBER_ID', `Member "${member}" is not in group "${group}"; join again`, {
    details: { group, member },
  });
}

export function illegalGeneration(group: string, member: string, generation: number, current: number): MiniKafkaError {
  return new MiniKafkaError(
    'ILLEGAL_GENERATION',
    `Member "${member}" of group "${group}" sent generation ${generation}; the group is at generation ${current}`,
    { details: { group, member, generation, current } },
  );
}

export function notOwner(
  group: string,
  member: string,
  topic: string,
  partition: number,
  generation: number,
): MiniKafkaError {
  return new MiniKafkaError(
    'ILLEGAL_GENERATION',
    `Member "${member}" of group "${group}" does not own ${topic}-${partition} in generation ${generation}; take the current assignment`,
    { details: { group, member, topic, partition, generation } },
  );
}

export function membersOnly(group: string, members: number): MiniKafkaError {
  return new MiniKafkaError(
    'UNKNOWN_MEMBER_ID',
    `Group "${group}" has ${members} member(s); only its members can commit while it is active`,
    { details: { group, members } },
  );
}

export function inconsistentAssignor(group: string, wanted: string, current: string): MiniKafkaError {
  return new MiniKafkaError(
    'INCONSISTENT_GROUP_PROTOCOL',
    `Group "${group}" uses the ${current} assignor; a member cannot join it with ${wanted}`,
    { details: { group, assignor: current } },
  );
}

/** A join of the other kind of group: HTTP members and Kafka-protocol members cannot share a group. */
export function otherKindOfGroup(group: string, kind: GroupKind): MiniKafkaError {
  const what = kind === 'kafka' ? 'a Kafka-protocol group (JoinGroup/SyncGroup)' : 'an HTTP group';
  return new MiniKafkaError(
    'INCONSISTENT_GROUP_PROTOCOL',
    `Group "${group}" is ${what} with members; join it the same way or use another group`,
    {
      details: { group, kind },
    },
  );
}

export function groupNotFound(group: string): MiniKafkaError {
  return new MiniKafkaError('GROUP_ID_NOT_FOUND', `Group "${group}" does not exist`, { details: { group } });
}

export function nonEmptyGroup(group: string, members: number): MiniKafkaError {
  return new MiniKafkaError('NON_EMPTY_GROUP', `Group "${group}" still has ${members} member(s)`, {
    details: { group, members },
  });
}

export function unknownPartition(topic: string, partition: number): MiniKafkaError {
  return new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Topic "${topic}" has no partition ${partition}`, {
    details: { topic, partition },
  });
}

export function duplicatePartition(topic: string, partition: number): MiniKafkaError {
  return new MiniKafkaError('INVALID_REQUEST', `${topic}-${partition} appears twice in one commit`, {
    details: { topic, partition },
  });
}

export function commitTooLarge(size: number, limit: number): MiniKafkaError {
  return new MiniKafkaError(
    'INVALID_COMMIT_OFFSET_SIZE',
    `A commit of about ${size} bytes exceeds the limit of ${limit}`,
    {
      details: { size, limit },
    },
  );
}

export function offsetPastLogEnd(
  topic: string,
  partition: number,
  offset: number,
  logEndOffset: number,
): MiniKafkaError {
  return new MiniKafkaError(
    'OFFSET_OUT_OF_RANGE',
    `Cannot commit offset ${offset} for ${topic}-${partition}: the log ends at ${logEndOffset}`,
    { details: { topic, partition, offset, logEndOffset } },
  );
}

export function seekOutOfRange(
  topic: string,
  partition: number,
  offset: number,
  logStartOffset: number,
  logEndOffset: number,
): MiniKafkaError {
  return new MiniKafkaError(
    'OFFSET_OUT_OF_RANGE',
    `Offset ${offset} is out of range for ${topic}-${partition}: valid offsets are ${logStartOffset} to ${logEndOffset}`,
    { details: { topic, partition, offset, logStartOffset, logEndOffset } },
  );
}

export function notAssigned(group: string, member: string, topic: string, partition: number): MiniKafkaError {
  return new MiniKafkaError(
    'UNKNOWN_TOPIC_OR_PARTITION',
    `Member "${member}" of group "${group}" is not assigned ${topic}-${partition}`,
    { details: { group, member, topic, partition } },
  );
}

export function subscribedToTopic(group: string, topic: string): MiniKafkaError {
  return new MiniKafkaError(
    'GROUP_SUBSCRIBED_TO_TOPIC',
    `A member of group "${group}" subscribes to topic "${topic}"; its committed offsets cannot be deleted while it does`,
    { details: { group, topic } },
  );
}
