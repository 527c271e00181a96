/**
 * The commit rule on every path that writes a committed offset: past the log end is
 * refused (OFFSET_OUT_OF_RANGE, code 1 per partition on the Kafka API), the log end itself
 * and anything below the log start are accepted.
 */
import { describe, expect, it } from 'vitest';
import { expectRejection } from '../testing/expect-error.js';
import { FakeBroker } from '../testing/fake-broker.js';
import { commitOffsets, startKafkaGroup } from '../testing/kafka-test-client.js';

/** orders (6 partitions); partition 0 holds offsets 10 to 49 (log end 50), partition 1 is empty at 20. */
function broker(): FakeBroker {
  const fake = new FakeBroker();
  fake.setBounds('orders', 0, 10, 50);
  fake.setBounds('orders', 1, 20, 20);
  return fake;
}

const at = (partition: number, offset: number) => ({ topic: 'orders', partition, offset });

describe('the commit rule', () => {
  it('refuses an HTTP commit past the log end, all or nothing, naming the partition and the log end', async () => {
    const coordinator = await broker().open();
    coordinator.join('g', { memberId: 'a', topics: ['orders'] });
    const error = await expectRejection(
      coordinator.commit('g', { memberId: 'a', generationId: 1 }, [at(1, 20), at(0, 51)]),
      'OFFSET_OUT_OF_RANGE',
    );
    expect(error.code).toBe(1);
    expect(error.message).toBe('Cannot commit offset 51 for orders-0: the log ends at 50');
    expect(error.details).toMatchObject({ topic: 'orders', partition: 0, offset: 51, logEndOffset: 50 });
    expect(coordinator.committed('g')).toEqual([]);
  });

  it('accepts the log end itself and offsets below the log start', async () => {
    const coordinator = await broker().open();
    coordinator.join('g', { memberId: 'a', topics: ['orders'] });
    await coordinator.commit('g', { memberId: 'a' }, [at(0, 50), at(1, 3)]);
    expect(coordinator.committed('g').map((e) => [e.partition, e.offset])).toEqual([
      [0, 50],
      [1, 3],
    ]);
    expect(
      coordinator
        .lag('g', 'orders')
        .slice(0, 2)
        .map((row) => row.lag),
    ).toEqual([0, 17]);
  });

  it('applies to commits naming no member and to offset resets', async () => {
    const coordinator = await broker().open();
    await expectRejection(coordinator.commit('standalone', {}, [at(1, 21)]), 'OFFSET_OUT_OF_RANGE');
    await expectRejection(coordinator.resetOffsets('admin', [at(1, 10), at(0, 51)]), 'OFFSET_OUT_OF_RANGE');
    await coordinator.resetOffsets('admin', [at(0, 0)]);
    expect(coordinator.committed('standalone')).toEqual([]);
    expect(coordinator.committed('admin').map((e) => e.offset)).toEqual([0]);
  });

  it('answers 1 for a Kafka OffsetCommit past the log end, for that partition only', async () => {
    const fake = broker();
    const coordinator = await fake.open();
    const [a] = await startKafkaGroup(coordinator, fake.scheduler, 1);
    const identity = { memberId: a!.memberId, generationId: 1 };
    const result = await commitOffsets(coordinator, 'g', identity, [at(0, 51), at(1, 20), at(2, 0), at(0, 5)]);
    expect(result.map((r) => r.errorCode)).toEqual([1, 0, 0, 0]);
    expect(coordinator.committed('g').map((e) => [e.partition, e.offset])).toEqual([
      [0, 5],
      [1, 20],
      [2, 0],
    ]);
  });

  it('applies to HTTP-API commits into a Kafka group', async () => {
    const fake = broker();
    const coordinator = await fake.open();
    const [a] = await startKafkaGroup(coordinator, fake.scheduler, 1);
    await expectRejection(coordinator.commit('g', { memberId: a!.memberId }, [at(1, 21)]), 'OFFSET_OUT_OF_RANGE');
    expect(coordinator.committed('g')).toEqual([]);
  });

  it('does not check a partition whose log bounds the broker does not know', async () => {
    const fake = broker();
    const coordinator = await fake.open({ logOffsets: () => undefined });
    await coordinator.resetOffsets('g', [at(0, 1_000_000)]);
    expect(coordinator.committed('g').map((e) => e.offset)).toEqual([1_000_000]);
  });
});
