import { decodeAssignment, decodeSubscription } from '@mini-kafka/kafka-protocol';
import { describe, expect, it } from 'vitest';
import { FakeBroker } from '../testing/fake-broker.js';
import { encodeTestAssignment, KafkaTestClient, startKafkaGroup } from '../testing/kafka-test-client.js';

describe('GroupCoordinator.describeForKafka (Kafka DescribeGroups)', () => {
  it('shows a Stable Kafka group with its protocol and each member metadata and assignment bytes', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    const [leader, follower] = await startKafkaGroup(coordinator, broker.scheduler, 2, { groupInstanceId: null });
    const [described] = coordinator.describeForKafka(['g']);
    expect(described).toEqual({
      errorCode: 0,
      groupId: 'g',
      groupState: 'Stable',
      protocolType: 'consumer',
      protocolData: 'range',
      members: [leader!, follower!].map((client) => ({
        memberId: client.memberId,
        groupInstanceId: null,
        clientId: client.options.clientId,
        clientHost: '/127.0.0.1',
        memberMetadata: Buffer.from('subscription'),
        memberAssignment: client.assignment,
      })),
    });
    expect(described?.members[1]?.memberAssignment).toEqual(
      encodeTestAssignment([1, 3, 5].map((partition) => ({ topic: 'orders', partition }))),
    );
  });

  it('hides protocol and bytes while a Kafka group rebalances, and answers Dead or an error code for the rest', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    await startKafkaGroup(coordinator, broker.scheduler, 1);
    await new KafkaTestClient(coordinator, 'g').handshake();
    const pendingJoin = new KafkaTestClient(coordinator, 'g', { groupInstanceId: 'pod-9' }).join();
    expect(pendingJoin.settled).toBe(false);
    const [rebalancing, unknown, invalid] = coordinator.describeForKafka(['g', 'nobody', '']);
    expect(rebalancing).toMatchObject({ groupState: 'PreparingRebalance', protocolData: '' });
    expect(rebalancing?.members.every((m) => m.memberMetadata.length === 0 && m.memberAssignment.length === 0)).toBe(
      true,
    );
    expect(unknown).toEqual({
      errorCode: 0,
      groupId: 'nobody',
      groupState: 'Dead',
      protocolType: '',
      protocolData: '',
      members: [],
    });
    expect(invalid?.errorCode).toBe(24);
    await coordinator.close();
    expect(coordinator.describeForKafka(['g'])[0]?.errorCode).toBe(15);
  });

  it('shows HTTP groups in the consumer protocol encoding, so Kafka admin tools can read them', async () => {
    const broker = new FakeBroker({ orders: 2, audit: 1 });
    const coordinator = await broker.open();
    coordinator.join('h', { memberId: 'a', clientId: 'web', topics: ['audit', 'orders'], assignor: 'range' });
    const [described] = coordinator.describeForKafka(['h']);
    expect(described).toMatchObject({ groupState: 'Stable', protocolType: '', protocolData: 'range' });
    const member = described!.members[0]!;
    expect(member).toMatchObject({ memberId: 'a', clientId: 'web', groupInstanceId: null });
    expect(decodeSubscription(member.memberMetadata).topics).toEqual(['audit', 'orders']);
    expect(decodeAssignment(member.memberAssignment).assignedPartitions).toEqual([
      { topic: 'audit', partitions: [0] },
      { topic: 'orders', partitions: [0, 1] },
    ]);
  });
});
