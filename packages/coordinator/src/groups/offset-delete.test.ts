import { encodeSubscription } from '@mini-kafka/kafka-protocol';
import { describe, expect, it } from 'vitest';
import { expectRejection } from '../testing/expect-error.js';
import { FakeBroker } from '../testing/fake-broker.js';
import { commitOffsets, startKafkaGroup } from '../testing/kafka-test-client.js';

const subscription = (...topics: string[]) =>
  encodeSubscription({ version: 1, topics, userData: null, ownedPartitions: [] });

describe('GroupCoordinator.deleteOffsets (Kafka OffsetDelete)', () => {
  it('deletes the named offsets of a group without members, durably gone, others kept', async () => {
    const broker = new FakeBroker({ orders: 3, audit: 1 });
    const coordinator = await broker.open();
    await coordinator.resetOffsets('g', [
      { topic: 'orders', partition: 0, offset: 5 },
      { topic: 'orders', partition: 1, offset: 6 },
      { topic: 'audit', partition: 0, offset: 7 },
    ]);
    const results = await coordinator.deleteOffsets('g', [
      { topic: 'orders', partition: 0 },
      { topic: 'orders', partition: 2 }, // nothing committed: still fine
      { topic: 'orders', partition: 9 },
      { topic: 'nope', partition: 0 },
    ]);
    expect(results).toEqual([
      { topic: 'orders', partition: 0, errorCode: 0 },
      { topic: 'orders', partition: 2, errorCode: 0 },
      { topic: 'orders', partition: 9, errorCode: 3 },
      { topic: 'nope', partition: 0, errorCode: 3 },
    ]);
    expect(coordinator.committed('g').map((o) => `${o.topic}-${o.partition}`)).toEqual(['audit-0', 'orders-1']);
  });

  it('keeps the offsets of topics a live Kafka member subscribes to (GROUP_SUBSCRIBED_TO_TOPIC)', async () => {
    const broker = new FakeBroker({ orders: 6, audit: 1 });
    const coordinator = await broker.open();
    const [leader] = await startKafkaGroup(coordinator, broker.scheduler, 2, {
      protocols: [{ name: 'range', metadata: subscription('orders') }],
    });
    await commitOffsets(coordinator, 'g', leader!, [{ topic: 'orders', partition: 0, offset: 3 }]);
    await commitOffsets(coordinator, 'g', leader!, [{ topic: 'audit', partition: 0, offset: 1 }]);
    const results = await coordinator.deleteOffsets('g', [
      { topic: 'orders', partition: 0 },
      { topic: 'audit', partition: 0 },
    ]);
    expect(results.map((r) => r.errorCode)).toEqual([86, 0]);
    expect(coordinator.committed('g').map((o) => `${o.topic}-${o.partition}`)).toEqual(['orders-0']);
  });

  it('refuses when a member subscription cannot be read, or the group is not a consumer group', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    await startKafkaGroup(coordinator, broker.scheduler, 1); // metadata "subscription": not the consumer protocol
    await coordinator.resetOffsets('g', [{ topic: 'orders', partition: 1, offset: 1 }]);
    expect((await coordinator.deleteOffsets('g', [{ topic: 'orders', partition: 1 }]))[0]?.errorCode).toBe(86);

    const connect = new FakeBroker();
    const other = await connect.open();
    await startKafkaGroup(other, connect.scheduler, 1, { protocolType: 'connect' });
    await expectRejection(other.deleteOffsets('g', [{ topic: 'orders', partition: 1 }]), 'NON_EMPTY_GROUP');
  });

  it('keeps the offsets of topics an HTTP member subscribes to, and knows no group that never existed', async () => {
    const broker = new FakeBroker({ orders: 2, audit: 1 });
    const coordinator = await broker.open();
    coordinator.join('h', { memberId: 'a', topics: ['orders'] });
    await coordinator.resetOffsets('h', [
      { topic: 'orders', partition: 0, offset: 1 },
      { topic: 'audit', partition: 0, offset: 1 },
    ]);
    const results = await coordinator.deleteOffsets('h', [
      { topic: 'orders', partition: 0 },
      { topic: 'audit', partition: 0 },
    ]);
    expect(results.map((r) => r.errorCode)).toEqual([86, 0]);
    await expectRejection(
      coordinator.deleteOffsets('never', [{ topic: 'orders', partition: 0 }]),
      'GROUP_ID_NOT_FOUND',
    );
  });
});
