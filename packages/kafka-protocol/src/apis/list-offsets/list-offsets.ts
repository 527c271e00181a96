/**
 * ListOffsets (API key 2), versions 0-7; flexible from 6.
 *
 * A partition's timestamp asks for: -1 the latest offset (the high watermark), -2 the
 * earliest (the log start offset), -3 (v7+) the record with the largest timestamp, or
 * else the first record whose timestamp is >= it. v0 answers a list of "old-style"
 * offsets (up to max_num_offsets) instead of one offset and timestamp; v2 adds the
 * isolation level, v4 leader epochs.
 */

import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, int8, int16, int32, int64, string } from '../../schema/fields.js';

/** The special timestamps of a ListOffsets request. */
export const LIST_OFFSETS_LATEST = -1;
export const LIST_OFFSETS_EARLIEST = -2;
/** v7+ (KIP-734). */
export const LIST_OFFSETS_MAX_TIMESTAMP = -3;

const request = {
  replicaId: int32('0+'),
  isolationLevel: int8('2+'),
  topics: array('0+', {
    name: string('0+'),
    partitions: array('0+', {
      partitionIndex: int32('0+'),
      currentLeaderEpoch: int32('4+', { default: -1 }),
      timestamp: int64('0+'),
      maxNumOffsets: int32('0', { default: 1 }),
    }),
  }),
  timeoutMs: int32('10+'),
};

const response = {
  throttleTimeMs: int32('2+'),
  topics: array('0+', {
    name: string('0+'),
    partitions: array('0+', {
      partitionIndex: int32('0+'),
      errorCode: int16('0+'),
      oldStyleOffsets: array('0', 'int64'),
      timestamp: int64('1+', { default: -1 }),
      offset: int64('1+', { default: -1 }),
      leaderEpoch: int32('4+', { default: -1 }),
    }),
  }),
};

export type ListOffsetsRequest = Message<typeof request>;
export type ListOffsetsResponse = MessageInput<typeof response>;
export type ListOffsetsPartitionResponse = ListOffsetsResponse['topics'][number]['partitions'][number];

export const ListOffsets = defineSchemaApi({ name: 'ListOffsets', minVersion: 0, maxVersion: 7, request, response });
