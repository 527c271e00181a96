import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import type * as types from '../../index.js';
import * as schemas from './index.js';

type Out<S extends z.ZodType> = z.output<S>;

describe('response schemas', () => {
  it('describe exactly the response types the routes declare', () => {
    expectTypeOf<Out<typeof schemas.topicPartitionOutput>>().toEqualTypeOf<types.TopicPartition>();
    expectTypeOf<Out<typeof schemas.topicDescription>>().toEqualTypeOf<types.TopicDescription>();
    expectTypeOf<Out<typeof schemas.validatedTopicResponse>>().toEqualTypeOf<types.ValidatedTopicResponse>();
    expectTypeOf<Out<typeof schemas.listTopicsResponse>>().toEqualTypeOf<types.ListTopicsResponse>();
    expectTypeOf<Out<typeof schemas.describeConfigsResponse>>().toEqualTypeOf<types.DescribeConfigsResponse>();
    expectTypeOf<Out<typeof schemas.produceResponse>>().toEqualTypeOf<types.ProduceResponse>();
    expectTypeOf<Out<typeof schemas.recordBatchProduceResponse>>().toEqualTypeOf<types.RecordBatchProduceResponse>();
    expectTypeOf<Out<typeof schemas.fetchResponse>>().toEqualTypeOf<types.FetchResponse>();
    expectTypeOf<Out<typeof schemas.memberFetchResponse>>().toEqualTypeOf<types.MemberFetchResponse>();
    expectTypeOf<Out<typeof schemas.offsetLookupResponse>>().toEqualTypeOf<types.OffsetLookupResponse>();
    expectTypeOf<Out<typeof schemas.joinGroupResponse>>().toEqualTypeOf<types.JoinGroupResponse>();
    expectTypeOf<Out<typeof schemas.heartbeatResponse>>().toEqualTypeOf<types.HeartbeatResponse>();
    expectTypeOf<Out<typeof schemas.committedOffsetsResponse>>().toEqualTypeOf<types.CommittedOffsetsResponse>();
    expectTypeOf<Out<typeof schemas.groupDescription>>().toEqualTypeOf<types.GroupDescription>();
    expectTypeOf<Out<typeof schemas.listGroupsResponse>>().toEqualTypeOf<types.ListGroupsResponse>();
    expectTypeOf<Out<typeof schemas.describeClusterResponse>>().toEqualTypeOf<types.DescribeClusterResponse>();
    expectTypeOf<Out<typeof schemas.brokerInfoResponse>>().toEqualTypeOf<types.BrokerInfoResponse>();
    expectTypeOf<Out<typeof schemas.describeLogDirsResponse>>().toEqualTypeOf<types.DescribeLogDirsResponse>();
    expectTypeOf<Out<typeof schemas.deleteRecordsResponse>>().toEqualTypeOf<types.DeleteRecordsResponse>();
    expectTypeOf<Out<typeof schemas.initProducerResponse>>().toEqualTypeOf<types.InitProducerResponse>();
    expectTypeOf<Out<typeof schemas.producerTopicResponse>>().toEqualTypeOf<types.ProducerTopicResponse>();
    expectTypeOf<Out<typeof schemas.aclBindingOutput>>().toEqualTypeOf<types.AclBinding>();
    expectTypeOf<Out<typeof schemas.describeAclsResponse>>().toEqualTypeOf<types.DescribeAclsResponse>();
    expectTypeOf<Out<typeof schemas.createAclsResponse>>().toEqualTypeOf<types.CreateAclsResponse>();
    expectTypeOf<Out<typeof schemas.deleteAclsResponse>>().toEqualTypeOf<types.DeleteAclsResponse>();
    expectTypeOf<Out<typeof schemas.whoAmIResponse>>().toEqualTypeOf<types.WhoAmIResponse>();
    expectTypeOf<Out<typeof schemas.errorBody>>().toEqualTypeOf<types.ErrorBody>();
    expectTypeOf<Out<typeof schemas.tutorialErrorBody>>().toEqualTypeOf<types.TutorialErrorBody>();
    expectTypeOf<Out<typeof schemas.tutorialCreateResponse>>().toEqualTypeOf<types.TutorialCreateResponse>();
    expectTypeOf<Out<typeof schemas.tutorialProduceResponse>>().toEqualTypeOf<types.TutorialProduceResponse>();
    expectTypeOf<Out<typeof schemas.tutorialSubscribeResponse>>().toEqualTypeOf<types.TutorialSubscribeResponse>();
    expectTypeOf<Out<typeof schemas.tutorialMessage>>().toEqualTypeOf<types.TutorialMessage>();
    expectTypeOf<Out<typeof schemas.tutorialAckResponse>>().toEqualTypeOf<types.TutorialAckResponse>();
    expectTypeOf<Out<typeof schemas.transactionSummary>>().toEqualTypeOf<types.TransactionSummary>();
    expectTypeOf<Out<typeof schemas.listTransactionsResponse>>().toEqualTypeOf<types.ListTransactionsResponse>();
    expectTypeOf<Out<typeof schemas.transactionDescription>>().toEqualTypeOf<types.TransactionDescription>();
    expectTypeOf<Out<typeof schemas.partitionProducer>>().toEqualTypeOf<types.PartitionProducer>();
    expectTypeOf<Out<typeof schemas.describeProducersResponse>>().toEqualTypeOf<types.DescribeProducersResponse>();
  });

  it('refuse fields they do not document, and accept the ones they do', () => {
    const { produceResponse, errorBody, offsetLookupResponse, tutorialPollResponse } = schemas;
    expect(produceResponse.safeParse({ topic: 't', records: [{ partition: 0, offset: 3 }] }).success).toBe(true);
    expect(produceResponse.safeParse({ topic: 't', records: [], extra: 1 }).success).toBe(false);
    const error = (name: string) => ({ error: { code: 3, name, message: 'm' } });
    expect(errorBody.safeParse(error('UNKNOWN_TOPIC_OR_PARTITION')).success).toBe(true);
    expect(errorBody.safeParse(error('NOT_AN_ERROR')).success).toBe(false);
    expect(offsetLookupResponse.safeParse({ offset: 1.5, timestamp: null }).success).toBe(false);
    const message = { message_id: 1, message_offset: 1, partition_id: 0, data: null };
    expect(tutorialPollResponse.safeParse(message).success).toBe(true);
    expect(tutorialPollResponse.safeParse([message, message]).success).toBe(true);
    expect(tutorialPollResponse.safeParse({ ...message, data: 5 }).success).toBe(false);
  });

  it('are not built by the main entry', async () => {
    const main = await import('../../index.js');
    expect(Object.keys(main)).not.toContain('topicDescription');
    expect(Object.keys(main)).not.toContain('errorBody');
  });
});
