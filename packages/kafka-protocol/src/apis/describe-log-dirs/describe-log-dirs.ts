/**
 * DescribeLogDirs (API key 35), versions 0-4; flexible from 2.
 *
 * Fields per Kafka's DescribeLogDirsRequest/DescribeLogDirsResponse definitions: a null
 * `topics` asks for every partition. v3 adds a top-level error code; v4 each log
 * directory's total and usable bytes (-1 when unknown).
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, bool, int16, int32, int64, string } from '../../schema/fields.js';

const request = {
  topics: array('0+', { topic: string('0+'), partitions: array('0+', 'int32') }, { nullable: '0+' }),
};

const response = {
  throttleTimeMs: int32('0+'),
  errorCode: int16('3+'),
  results: array('0+', {
    errorCode: int16('0+'),
    logDir: string('0+'),
    topics: array('0+', {
      name: string('0+'),
      partitions: array('0+', {
        partitionIndex: int32('0+'),
        partitionSize: int64('0+'),
        offsetLag: int64('0+'),
        isFutureKey: bool('0+'),
      }),
    }),
    totalBytes: int64('4+', { default: -1 }),
    usableBytes: int64('4+', { default: -1 }),
  }),
};

export type DescribeLogDirsRequest = Message<typeof request>;
export type DescribeLogDirsResponse = MessageInput<typeof response>;
export type DescribeLogDirsResult = DescribeLogDirsResponse['results'][number];

export const DescribeLogDirs = defineSchemaApi({
  name: 'DescribeLogDirs',
  minVersion: 0,
  maxVersion: 4,
  request,
  response,
});
