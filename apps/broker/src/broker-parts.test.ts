/** The broker's parts as createBroker wires them: what one part must do for another. */

import { ManualClock } from '@mini-kafka/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { openCoordinator, openLogs } from './broker-parts.js';
import { brokerConfigSchema } from './config/broker-config.js';
import { createLogger } from './logger.js';
import { MemberPositions } from './services/member-positions.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('openCoordinator', () => {
  it("forgets an HTTP member's fetch positions when a rebalance removes it, and keeps the others'", async () => {
    const config = brokerConfigSchema.parse({ inMemory: true, logLevel: 'silent', sessionTimeoutMs: 1_000 });
    const clock = new ManualClock();
    const logs = await openLogs(config, clock);
    closers.push(() => logs.close());
    await logs.createTopic('orders', { partitions: 2 });
    const positions = new MemberPositions();
    const coordinator = await openCoordinator(config, logs, clock, createLogger('silent'), { positions });
    closers.push(() => coordinator.close());

    coordinator.join('g', { memberId: 'quiet', topics: ['orders'], sessionTimeoutMs: 1_000 });
    const { generationId } = coordinator.join('g', { memberId: 'alive', topics: ['orders'], sessionTimeoutMs: 1_000 });
    positions.set('g', 'quiet', 'orders', 0, 7);
    positions.set('g', 'alive', 'orders', 1, 9);
    clock.advance(600);
    coordinator.heartbeat('g', 'alive', generationId);
    clock.advance(600); // "quiet" has been silent for 1,200 ms
    coordinator.tick();

    expect(coordinator.describe('g').members.map((m) => m.memberId)).toEqual(['alive']);
    expect(positions.get('g', 'quiet', 'orders', 0)).toBeUndefined();
    expect(positions.get('g', 'alive', 'orders', 1)).toBe(9);
  });
});
