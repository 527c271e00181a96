/** The route table's entries for /v1/topics: topics, their configs, records and offsets. */
import {
  addPartitionsRequest,
  alterConfigsRequest,
  createTopicRequest,
  deleteRecordsRequest,
  fetchQuery,
  offsetLookupQuery,
  produceRequest,
} from '@mini-kafka/protocol';
import {
  deleteRecordsResponse,
  describeConfigsResponse,
  fetchResponse,
  listTopicsResponse,
  offsetLookupResponse,
  produceResponse,
  recordBatchProduceResponse,
  topicDescription,
  validatedTopicResponse,
} from '@mini-kafka/protocol/http-responses';
import { named, type Operation } from './operation.js';

const TopicDescription = named('TopicDescription', topicDescription);
const DescribeConfigsResponse = named('DescribeConfigsResponse', describeConfigsResponse);
const AlterConfigsRequest = named('AlterConfigsRequest', alterConfigsRequest);

const NO_TOPIC = 'The topic (or the partition) does not exist (UNKNOWN_TOPIC_OR_PARTITION).';
const INVALID = 'The request is invalid: the message names the field and the problem (INVALID_REQUEST, ...).';
const TOO_LARGE = 'The body is larger than the broker takes (RECORD_LIST_TOO_LARGE, MESSAGE_TOO_LARGE).';
const FULL = 'The data directory is full (KAFKA_STORAGE_ERROR); it passes once space is freed.';

export const TOPIC_OPERATIONS: readonly Operation[] = [
  {
    method: 'post',
    path: '/v1/topics',
    tag: 'Topics',
    summary: 'Create a topic',
    description: 'With `validateOnly`, checks everything a creation would and answers 200 with what it would create.',
    body: named('CreateTopicRequest', createTopicRequest),
    answers: {
      200: {
        description: 'What would be created (`validateOnly`); nothing was.',
        json: named('ValidatedTopicResponse', validatedTopicResponse),
      },
      201: { description: 'The topic, created.', json: TopicDescription },
    },
    errors: {
      400: INVALID,
      409: 'The topic exists (TOPIC_ALREADY_EXISTS).',
      413: TOO_LARGE,
      415: 'The body is not JSON.',
      507: FULL,
    },
  },
  {
    method: 'get',
    path: '/v1/topics',
    tag: 'Topics',
    summary: 'List topics',
    answers: {
      200: {
        description: 'Every topic, with its partition count.',
        json: named('ListTopicsResponse', listTopicsResponse),
      },
    },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/topics/{topic}',
    tag: 'Topics',
    summary: 'Describe a topic',
    description: "Its settings and, per partition, offsets, size, and the damage the broker's last start found.",
    answers: { 200: { description: 'The topic.', json: TopicDescription } },
    errors: { 400: INVALID, 404: NO_TOPIC },
  },
  {
    method: 'delete',
    path: '/v1/topics/{topic}',
    tag: 'Topics',
    summary: 'Delete a topic',
    answers: { 204: { description: 'Deleted.' } },
    errors: { 400: INVALID, 404: NO_TOPIC },
  },
  {
    method: 'post',
    path: '/v1/topics/{topic}/partitions',
    tag: 'Topics',
    summary: 'Add partitions',
    body: named('AddPartitionsRequest', addPartitionsRequest),
    answers: { 200: { description: 'The topic with its new partitions.', json: TopicDescription } },
    errors: { 400: INVALID, 404: NO_TOPIC, 413: TOO_LARGE, 415: 'The body is not JSON.', 507: FULL },
  },
  {
    method: 'get',
    path: '/v1/topics/{topic}/configs',
    tag: 'Topics',
    summary: "Describe a topic's configs",
    description: "Every config under Kafka's names, with where its value comes from and its synonyms.",
    answers: { 200: { description: 'The configs.', json: DescribeConfigsResponse } },
    errors: { 400: INVALID, 404: NO_TOPIC },
  },
  {
    method: 'patch',
    path: '/v1/topics/{topic}/configs',
    tag: 'Topics',
    summary: "Change a topic's configs",
    description:
      "Kafka's IncrementalAlterConfigs: `set` gives values, `delete` returns configs to the broker's default; applied live. With `validateOnly` nothing changes.",
    body: AlterConfigsRequest,
    answers: { 200: { description: 'The configs now (or as they would be).', json: DescribeConfigsResponse } },
    errors: { 400: INVALID, 404: NO_TOPIC, 413: TOO_LARGE, 415: 'The body is not JSON.', 507: FULL },
  },
  {
    method: 'post',
    path: '/v1/topics/{topic}/records',
    tag: 'Records',
    summary: 'Produce records (JSON)',
    description:
      'A batch of records; each goes to its `partition`, or one the broker picks (by key hash, else round-robin). An idempotent producer sends `producer`.',
    body: named('ProduceRequest', produceRequest),
    answers: {
      200: {
        description: "Each record's partition and offset, in request order.",
        json: named('ProduceResponse', produceResponse),
      },
    },
    errors: {
      400: INVALID,
      404: NO_TOPIC,
      409: 'An idempotent producer out of sequence, fenced or unknown (OUT_OF_ORDER_SEQUENCE_NUMBER, INVALID_PRODUCER_EPOCH, ...).',
      413: TOO_LARGE,
      415: 'The body is RecordBatch bytes (they go to one partition) or not JSON.',
      507: FULL,
    },
  },
  {
    method: 'post',
    path: '/v1/topics/{topic}/partitions/{partition}/records',
    tag: 'Records',
    summary: 'Produce RecordBatch v2 bytes to a partition',
    description:
      "The binary transport: whole RecordBatch v2 batches back to back (Kafka's Produce `records`), sent with `Content-Type: application/vnd.kafka.record-batch`. Record n of the body (counting across its batches) gets offset `baseOffset + n`. See packages/protocol/docs/binary-transport.md.",
    recordBatchBody: true,
    answers: {
      200: {
        description: 'Where the records went.',
        json: named('RecordBatchProduceResponse', recordBatchProduceResponse),
      },
    },
    errors: {
      400: 'The bytes are not valid batches (CORRUPT_MESSAGE, INVALID_RECORD, UNSUPPORTED_COMPRESSION_TYPE, ...).',
      404: NO_TOPIC,
      409: 'An idempotent producer out of sequence, fenced or unknown.',
      413: TOO_LARGE,
      415: 'The Content-Type is not application/vnd.kafka.record-batch.',
      507: FULL,
    },
  },
  {
    method: 'get',
    path: '/v1/topics/{topic}/partitions/{partition}/records',
    tag: 'Records',
    summary: 'Fetch records from a partition',
    description:
      'From `offset`, at most `maxRecords` and about `maxBytes`; with `waitMs`, waits that long for records when there are none. With `Accept: application/vnd.kafka.record-batch` the answer is a fetch frame of the stored batches.',
    query: fetchQuery,
    answers: {
      200: {
        description: 'The records, and where to read next.',
        json: named('FetchResponse', fetchResponse),
        recordBatch: true,
      },
    },
    errors: {
      400: INVALID,
      404: NO_TOPIC,
      416: 'The offset is outside the log (OFFSET_OUT_OF_RANGE).',
    },
  },
  {
    method: 'get',
    path: '/v1/topics/{topic}/partitions/{partition}/offsets',
    tag: 'Records',
    summary: 'Look up an offset by time',
    description: 'The first offset whose timestamp is at least `timestamp` (-2: the log start, -1: the log end).',
    query: offsetLookupQuery,
    answers: {
      200: {
        description: "The offset, and its record's timestamp.",
        json: named('OffsetLookupResponse', offsetLookupResponse),
      },
    },
    errors: { 400: INVALID, 404: NO_TOPIC },
  },
  {
    method: 'post',
    path: '/v1/topics/{topic}/partitions/{partition}/delete-records',
    tag: 'Records',
    summary: 'Delete the records before an offset',
    description: "Kafka's DeleteRecords: moves the partition's log start to `offset` (-1: the high watermark).",
    body: named('DeleteRecordsRequest', deleteRecordsRequest),
    answers: {
      200: { description: 'The new log start offset.', json: named('DeleteRecordsResponse', deleteRecordsResponse) },
    },
    errors: {
      400: INVALID,
      404: NO_TOPIC,
      416: 'The offset is past the high watermark (OFFSET_OUT_OF_RANGE).',
      413: TOO_LARGE,
      415: 'The body is not JSON.',
    },
  },
];
