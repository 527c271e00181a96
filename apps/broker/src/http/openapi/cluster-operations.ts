/** The route table's entries for the broker and the cluster (/v1/broker, /v1/cluster, /v1/brokers, /v1/log-dirs) and /v1/producers. */
import { alterConfigsRequest, producerTopicRequest } from '@mini-kafka/protocol';
import {
  brokerInfoResponse,
  describeClusterResponse,
  describeConfigsResponse,
  describeLogDirsResponse,
  initProducerResponse,
  producerTopicResponse,
} from '@mini-kafka/protocol/http-responses';
import { named, type Operation } from './operation.js';

const DescribeConfigsResponse = named('DescribeConfigsResponse', describeConfigsResponse);
const OTHER_BROKER = 'A broker id other than 0, or a config that cannot be changed (INVALID_REQUEST).';

export const CLUSTER_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/v1/broker',
    tag: 'Cluster',
    summary: 'Describe the broker',
    description:
      'Its version, start time and uptime, its listeners, every setting with its value and source (flag, env, file, given by an embedding program, or default), and the disk its data takes.',
    answers: { 200: { description: 'The broker.', json: named('BrokerInfoResponse', brokerInfoResponse) } },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/cluster',
    tag: 'Cluster',
    summary: 'Describe the cluster',
    description: 'The one broker, and where Kafka clients reach it (null when its Kafka listener is off).',
    answers: { 200: { description: 'The cluster.', json: named('DescribeClusterResponse', describeClusterResponse) } },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/brokers/{id}/configs',
    tag: 'Cluster',
    summary: "Describe the broker's configs",
    description: "Under Kafka's names, every one read-only; the ones set at start are STATIC_BROKER_CONFIG.",
    answers: { 200: { description: 'The configs.', json: DescribeConfigsResponse } },
    errors: { 400: OTHER_BROKER },
  },
  {
    method: 'patch',
    path: '/v1/brokers/{id}/configs',
    tag: 'Cluster',
    summary: "Change the broker's configs",
    description: 'Every broker config is read-only: a request that sets or deletes one is refused.',
    body: named('AlterConfigsRequest', alterConfigsRequest),
    answers: { 200: { description: 'The configs (nothing changed).', json: DescribeConfigsResponse } },
    errors: { 400: OTHER_BROKER, 413: 'The body is too large.', 415: 'The body is not JSON.' },
  },
  {
    method: 'get',
    path: '/v1/log-dirs',
    tag: 'Cluster',
    summary: 'Describe the data directory',
    description: "Its size and free space, and each partition's size.",
    answers: {
      200: {
        description: 'The log directories (one).',
        json: named('DescribeLogDirsResponse', describeLogDirsResponse),
      },
    },
    errors: {},
  },
  {
    method: 'post',
    path: '/v1/producers',
    tag: 'Producers',
    summary: 'Get an idempotent producer id',
    description: "A new producer id (never reused) at epoch 0, from the allocator Kafka's InitProducerId uses too.",
    answers: {
      201: { description: 'The producer id and epoch.', json: named('InitProducerResponse', initProducerResponse) },
    },
    errors: { 507: 'The data directory is full: the id could not be reserved.' },
  },
  {
    method: 'post',
    path: '/v1/producers/topic-metadata',
    tag: 'Producers',
    summary: "A topic's partition count",
    description: 'The count an idempotent producer partitions by; creates the topic when produce would.',
    body: named('ProducerTopicRequest', producerTopicRequest),
    answers: {
      200: {
        description: 'The topic and its partition count.',
        json: named('ProducerTopicResponse', producerTopicResponse),
      },
    },
    errors: {
      400: 'The topic name is invalid (INVALID_REQUEST).',
      413: 'The body is too large.',
      415: 'The body is not JSON.',
    },
  },
];
