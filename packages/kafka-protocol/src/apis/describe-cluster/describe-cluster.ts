/**
 * DescribeCluster (API key 60), versions 0-1; flexible in every version.
 *
 * Fields per Kafka's DescribeClusterRequest/DescribeClusterResponse definitions: v1 adds
 * `endpointType` (1 brokers, 2 controllers) to both. The answer lists the brokers, the
 * cluster id and the controller.
 */
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, bool, int8, int16, int32, string } from '../../schema/fields.js';

const request = {
  includeClusterAuthorizedOperations: bool('0+'),
  endpointType: int8('1+', { default: 1 }),
};

const response = {
  throttleTimeMs: int32('0+'),
  errorCode: int16('0+'),
  errorMessage: string('0+', { nullable: '0+' }),
  endpointType: int8('1+', { default: 1 }),
  clusterId: string('0+'),
  controllerId: int32('0+', { default: -1 }),
  brokers: array('0+', {
    brokerId: int32('0+'),
    host: string('0+'),
    port: int32('0+'),
    rack: string('0+', { nullable: '0+' }),
  }),
  clusterAuthorizedOperations: int32('0+', { default: -2147483648 }),
};

export type DescribeClusterRequest = Message<typeof request>;
export type DescribeClusterResponse = MessageInput<typeof response>;

export const DescribeCluster = defineSchemaApi({
  name: 'DescribeCluster',
  minVersion: 0,
  maxVersion: 1,
  request,
  response,
});
