import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import type { TopicPartition } from '../topic-partition.js';
import type {
  DeleteRecordsResponse,
  DescribeClusterResponse,
  DescribeLogDirsResponse,
  deleteRecordsResponse,
  describeClusterResponse,
  describeLogDirsResponse,
} from './cluster.js';
import type { topicPartitionOutput } from './common.js';
import type { DescribeConfigsResponse, describeConfigsResponse } from './configs.js';
import { type ErrorBody, errorBody, type TutorialErrorBody, type tutorialErrorBody } from './error-body.js';
import {
  type FetchResponse,
  type fetchResponse,
  type MemberFetchResponse,
  type memberFetchResponse,
  type OffsetLookupResponse,
  offsetLookupResponse,
} from './fetch.js';
import type {
  CommittedOffsetsResponse,
  committedOffsetsResponse,
  GroupDescription,
  groupDescription,
  HeartbeatResponse,
  heartbeatResponse,
  JoinGroupResponse,
  joinGroupResponse,
  ListGroupsResponse,
  listGroupsResponse,
} from './groups.js';
import { type ProduceResponse, produceResponse, type recordBatchProduceResponse } from './produce.js';
import type {
  InitProducerResponse,
  initProducerResponse,
  ProducerTopicResponse,
  producerTopicResponse,
} from './producers.js';
import type { RecordBatchProduceResponse } from './record-batch-transport.js';
import type {
  ListTopicsResponse,
  listTopicsResponse,
  TopicDescription,
  topicDescription,
  ValidatedTopicResponse,
  validatedTopicResponse,
} from './topics.js';

describe('response schemas', () => {
  it('describe exactly the response types the routes declare', () => {
    expectTypeOf<z.output<typeof topicPartitionOutput>>().toEqualTypeOf<TopicPartition>();
    expectTypeOf<z.output<typeof topicDescription>>().toEqualTypeOf<TopicDescription>();
    expectTypeOf<z.output<typeof validatedTopicResponse>>().toEqualTypeOf<ValidatedTopicResponse>();
    expectTypeOf<z.output<typeof listTopicsResponse>>().toEqualTypeOf<ListTopicsResponse>();
    expectTypeOf<z.output<typeof describeConfigsResponse>>().toEqualTypeOf<DescribeConfigsResponse>();
    expectTypeOf<z.output<typeof produceResponse>>().toEqualTypeOf<ProduceResponse>();
    expectTypeOf<z.output<typeof recordBatchProduceResponse>>().toEqualTypeOf<RecordBatchProduceResponse>();
    expectTypeOf<z.output<typeof fetchResponse>>().toEqualTypeOf<FetchResponse>();
    expectTypeOf<z.output<typeof memberFetchResponse>>().toEqualTypeOf<MemberFetchResponse>();
    expectTypeOf<z.output<typeof offsetLookupResponse>>().toEqualTypeOf<OffsetLookupResponse>();
    expectTypeOf<z.output<typeof joinGroupResponse>>().toEqualTypeOf<JoinGroupResponse>();
    expectTypeOf<z.output<typeof heartbeatResponse>>().toEqualTypeOf<HeartbeatResponse>();
    expectTypeOf<z.output<typeof committedOffsetsResponse>>().toEqualTypeOf<CommittedOffsetsResponse>();
    expectTypeOf<z.output<typeof groupDescription>>().toEqualTypeOf<GroupDescription>();
    expectTypeOf<z.output<typeof listGroupsResponse>>().toEqualTypeOf<ListGroupsResponse>();
    expectTypeOf<z.output<typeof describeClusterResponse>>().toEqualTypeOf<DescribeClusterResponse>();
    expectTypeOf<z.output<typeof describeLogDirsResponse>>().toEqualTypeOf<DescribeLogDirsResponse>();
    expectTypeOf<z.output<typeof deleteRecordsResponse>>().toEqualTypeOf<DeleteRecordsResponse>();
    expectTypeOf<z.output<typeof initProducerResponse>>().toEqualTypeOf<InitProducerResponse>();
    expectTypeOf<z.output<typeof producerTopicResponse>>().toEqualTypeOf<ProducerTopicResponse>();
    expectTypeOf<z.output<typeof errorBody>>().toEqualTypeOf<ErrorBody>();
    expectTypeOf<z.output<typeof tutorialErrorBody>>().toEqualTypeOf<TutorialErrorBody>();
  });

  it('refuse fields they do not document, and accept the ones they do', () => {
    expect(produceResponse.safeParse({ topic: 't', records: [{ partition: 0, offset: 3 }] }).success).toBe(true);
    expect(produceResponse.safeParse({ topic: 't', records: [], extra: 1 }).success).toBe(false);
    expect(errorBody.safeParse({ error: { code: 3, name: 'UNKNOWN_TOPIC_OR_PARTITION', message: 'm' } }).success).toBe(
      true,
    );
    expect(errorBody.safeParse({ error: { code: 3, name: 'NOT_AN_ERROR', message: 'm' } }).success).toBe(false);
    expect(offsetLookupResponse.safeParse({ offset: 1.5, timestamp: null }).success).toBe(false);
  });
});
