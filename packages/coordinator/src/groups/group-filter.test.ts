import { describe, expect, it } from 'vitest';
import { FakeBroker } from '../testing/fake-broker.js';
import { startKafkaGroup } from '../testing/kafka-test-client.js';

describe('GroupCoordinator.listGroups filters (Kafka ListGroups v4+ states, v5+ types)', () => {
  it('keeps the groups in the named states, case-insensitively; unknown names match nothing', async () => {
    const broker = new FakeBroker();
    const coordinator = await broker.open();
    await startKafkaGroup(coordinator, broker.scheduler, 1); // g: Stable
    coordinator.join('h', { memberId: 'a', topics: ['orders'] }); // h: Stable (HTTP)
    await coordinator.resetOffsets('idle', [{ topic: 'orders', partition: 0, offset: 1 }]); // Empty
    const ids = (filter: Parameters<typeof coordinator.listGroups>[0]) =>
      coordinator.listGroups(filter).map((g) => g.groupId);
    expect(ids({})).toEqual(['g', 'h', 'idle']);
    expect(ids({ states: ['stable'] })).toEqual(['g', 'h']);
    expect(ids({ states: ['Empty', 'PreparingRebalance'] })).toEqual(['idle']);
    expect(ids({ states: ['Dead'] })).toEqual([]);
    expect(ids({ states: [] })).toEqual(['g', 'h', 'idle']);
    expect(ids({ types: ['Classic'] })).toEqual(['g', 'h', 'idle']);
    expect(ids({ types: ['consumer'] })).toEqual([]);
  });
});
