/**
 * Metadata (API key 3), versions 0-12; flexible from 9.
 *
 * Fields per Kafka's MetadataRequest/MetadataResponse definitions: topic ids from v10
 * (a request may name topics by id, with a null name, from v10; a response topic's name
 * is nullable from v12), leader epochs from v7, offline replicas from v5, authorized
 * operations from v8 (the cluster's only up to v10).
 *
 * The decoded request says "all topics" the same way in every version: `topics: null`
 * (a v0 empty array is turned into null). A v0 request cannot ask for no topics, so
 * encoding `topics: []` at v0 throws.
 */
import { KafkaProtocolError } from '../../errors.js';
import type { Writer } from '../../primitives/writer.js';
import { defineSchemaApi } from '../../schema/define-schema-api.js';
import type { Message, MessageInput } from '../../schema/fields.js';
import { array, bool, int16, int32, string, uuid } from '../../schema/fields.js';

const request = {
  topics: array('0+', { topicId: uuid('10+'), name: string('0+', { nullable: '10+' }) }, { nullable: '1+' }),
  allowAutoTopicCreation: bool('4+', { default: true }),
  includeClusterAuthorizedOperations: bool('8-10'),
  includeTopicAuthorizedOperations: bool('8+'),
};

const response = {
  throttleTimeMs: int32('3+'),
  brokers: array('0+', {
    nodeId: int32('0+'),
    host: string('0+'),
    port: int32('0+'),
    rack: string('1+', { nullable: '1+' }),
  }),
  clusterId: string('2+', { nullable: '2+' }),
  controllerId: int32('1+', { default: -1 }),
  topics: array('0+', {
    errorCode: int16('0+'),
    name: string('0+', { nullable: '12+' }),
    topicId: uuid('10+'),
    isInternal: bool('1+'),
    partitions: array('0+', {
      errorCode: int16('0+'),
      partitionIndex: int32('0+'),
      leaderId: int32('0+'),
      leaderEpoch: int32('7+', { default: -1 }),
      replicaNodes: array('0+', 'int32'),
      isrNodes: array('0+', 'int32'),
      offlineReplicas: array('5+', 'int32'),
    }),
    topicAuthorizedOperations: int32('8+', { default: -2147483648 }),
  }),
  clusterAuthorizedOperations: int32('8-10', { default: -2147483648 }),
};

export type MetadataRequest = Message<typeof request>;
export type MetadataResponse = MessageInput<typeof response>;
export type MetadataBroker = MetadataResponse['brokers'][number];
export type MetadataTopic = MetadataResponse['topics'][number];
export type MetadataPartition = MetadataTopic['partitions'][number];

const codec = defineSchemaApi({
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 12,
  request,
  response,
  normalizeRequest: (decoded, version) =>
    version === 0 && decoded.topics?.length === 0 ? { ...decoded, topics: null } : decoded,
});

export const Metadata: typeof codec = Object.freeze({
  ...codec,
  encodeRequest(writer: Writer, version: number, value: MessageInput<typeof request>): void {
    if (version === 0 && value.topics !== null && value.topics?.length === 0) {
      throw new KafkaProtocolError('invalid-value', 'Metadata v0 cannot ask for no topics: [] means all', { version });
    }
    codec.encodeRequest(writer, version, version === 0 && value.topics === null ? { ...value, topics: [] } : value);
  },
});
