/** The broker's parts as createBroker wires them: what one part must do for another. */

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LogOffsetStore } from '@mini-kafka/coordinator';
import { ManualClock } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { openCoordinator, openLogs } from './broker-parts.js';
import { brokerConfigSchema } from './config/broker-config.js';
import { createLogger } from './logger.js';
import { MemberPositions } from './services/member-positions.js';
import { recordingLogger } from './testing/recording-logger.js';

const dirs = new TempDirs();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await dirs.cleanup();
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

describe('openCoordinator over a damaged offsets log', () => {
  it('starts, keeps the intact offsets, and logs each damaged range at error level without payload bytes', async () => {
    const dataDir = await dirs.make();
    const clock = new ManualClock();
    const store = await LogOffsetStore.open({ dataDir, clock });
    await store.commit('kept', [{ topic: 'orders', partition: 0, offset: 7, metadata: '', commitTimestamp: 1 }]);
    await store.commit('hit', [
      { topic: 'orders', partition: 1, offset: 9, metadata: 'secret-payload', commitTimestamp: 1 },
    ]);
    await store.commit('later', [{ topic: 'orders', partition: 0, offset: 3, metadata: '', commitTimestamp: 1 }]);
    await store.close();
    const segment = join(store.directory, '00000000000000000000.log');
    const bytes = await readFile(segment);
    const at = bytes.indexOf('secret-payload');
    for (let i = at; i < at + 8; i++) bytes[i] = bytes[i]! ^ 0xff;
    await writeFile(segment, bytes);

    const config = brokerConfigSchema.parse({ dataDir, logLevel: 'silent' });
    const logs = await openLogs(config, clock);
    closers.push(() => logs.close());
    const { logger, lines } = recordingLogger('warn');
    const coordinator = await openCoordinator(config, logs, clock, logger);
    closers.push(() => coordinator.close());

    expect(coordinator.committed('kept').map((c) => c.offset)).toEqual([7]);
    expect(coordinator.committed('later').map((c) => c.offset)).toEqual([3]);
    expect(coordinator.committed('hit')).toEqual([]);
    const errors = lines.filter((line) => line.level === 50);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ file: segment, reason: 'crc-mismatch', partitions: 1 });
    expect(errors[0]!.msg).toMatch(
      /^Offsets log damaged: \d+ bytes skipped at byte \d+ of .*00000000000000000000\.log \(crc-mismatch\); log offset 1 lost; committed offsets that may have gone back or be missing: hit\/orders\/1$/,
    );
    expect(errors[1]).toMatchObject({ recordsRead: 2, keptAside: coordinator.offsetStoreReport?.keptAside });
    expect(errors[1]!.msg).toMatch(
      /^Offsets log recovered with damage: 1 damaged range\(s\), \d+ bytes skipped, 2 records read; damaged files kept as /,
    );
    expect(lines.filter((line) => line.level === 40)).toMatchObject([
      { repair: 'rewrote the offsets log from its 2 readable live entries' },
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });
});
