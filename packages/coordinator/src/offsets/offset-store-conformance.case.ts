/**
 * The OffsetStore conformance suite: every store must pass it unchanged.
 * `runOffsetStoreConformance` is called by each store's own test file.
 */
import { isMiniKafkaError } from '@mini-kafka/protocol/core';
import { describe, expect, it } from 'vitest';
import type { CommittedOffset, OffsetStore } from './offset-store.js';

export type OffsetStoreFactory = () => Promise<OffsetStore>;

function at(topic: string, partition: number, offset: number, metadata = ''): CommittedOffset {
  return { topic, partition, offset, metadata, commitTimestamp: 1_700_000_000_000 + offset };
}

export function runOffsetStoreConformance(name: string, create: OffsetStoreFactory): void {
  describe(`${name} (offset store conformance)`, () => {
    it('stores offsets per group, topic and partition and lists them sorted', async () => {
      const store = await create();
      await store.commit('g1', [at('orders', 2, 20, 'm'), at('audit', 0, 5), at('orders', 0, 7)]);
      await store.commit('g2', [at('orders', 0, 99)]);
      expect(store.get('g1', 'orders', 2)).toEqual(at('orders', 2, 20, 'm'));
      expect(store.get('g1', 'orders', 1)).toBeUndefined();
      expect(store.get('nope', 'orders', 0)).toBeUndefined();
      expect(store.list('g1').map((e) => `${e.topic}-${e.partition}`)).toEqual(['audit-0', 'orders-0', 'orders-2']);
      expect(store.list('g1', 'orders').map((e) => e.offset)).toEqual([7, 20]);
      expect(store.list('g2')).toEqual([at('orders', 0, 99)]);
      expect(store.groupIds()).toEqual(['g1', 'g2']);
      await store.close();
    });

    it('keeps the latest commit of a partition', async () => {
      const store = await create();
      await store.commit('g', [at('t', 0, 1)]);
      await store.commit('g', [at('t', 0, 5, 'later')]);
      expect(store.get('g', 't', 0)).toEqual(at('t', 0, 5, 'later'));
      await store.close();
    });

    it('applies writes in call order, even when not awaited one by one', async () => {
      const store = await create();
      const writes: Promise<void>[] = [];
      for (let i = 1; i <= 50; i++) writes.push(store.commit('g', [at('t', i % 2, i)]));
      writes.push(store.remove('g', [{ topic: 't', partition: 0 }]));
      await Promise.all(writes);
      expect(store.list('g')).toEqual([at('t', 1, 49)]);
      await store.close();
    });

    it('removes offsets, and forgets a group left with none', async () => {
      const store = await create();
      await store.commit('g', [at('a', 0, 1), at('b', 0, 2)]);
      await store.remove('g', [
        { topic: 'a', partition: 0 },
        { topic: 'zzz', partition: 9 },
      ]);
      expect(store.list('g')).toEqual([at('b', 0, 2)]);
      await store.remove('g', [{ topic: 'b', partition: 0 }]);
      expect(store.list('g')).toEqual([]);
      expect(store.groupIds()).toEqual([]);
      await store.close();
    });

    it('hands out copies that cannot change what it holds', async () => {
      const store = await create();
      const entry = at('t', 0, 3);
      await store.commit('g', [entry]);
      entry.offset = 1000;
      store.get('g', 't', 0)!.offset = 2000;
      store.list('g')[0]!.offset = 3000;
      expect(store.get('g', 't', 0)!.offset).toBe(3);
      await store.close();
    });

    it('treats an empty commit as a no-op and refuses writes once closed', async () => {
      const store = await create();
      await store.commit('g', []);
      expect(store.groupIds()).toEqual([]);
      await store.close();
      const error = await store.commit('g', [at('t', 0, 1)]).catch((caught: unknown) => caught);
      expect(isMiniKafkaError(error, 'COORDINATOR_NOT_AVAILABLE')).toBe(true);
    });
  });
}
