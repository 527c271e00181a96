/**
 * The OffsetStore conformance suite for transactional (pending) offsets: every store must
 * pass it unchanged. `runTxnOffsetStoreConformance` is called by each store's own test file.
 */
import { isMiniKafkaError } from '@mini-kafka/protocol/core';
import { describe, expect, it } from 'vitest';
import type { CommittedOffset } from './offset-store.js';
import type { OffsetStoreFactory } from './offset-store-conformance.case.js';

function at(topic: string, partition: number, offset: number, metadata = ''): CommittedOffset {
  return { topic, partition, offset, metadata, commitTimestamp: 1_700_000_000_000 + offset };
}

export function runTxnOffsetStoreConformance(name: string, create: OffsetStoreFactory): void {
  describe(`${name} (pending transactional offsets conformance)`, () => {
    it('keeps pending offsets invisible until the transaction commits', async () => {
      const store = await create();
      await store.commit('g', [at('t', 0, 5)]);
      await store.commitPending('g', 7, [at('t', 0, 10), at('t', 1, 3)]);
      await store.commitPending('g', 7, [at('t', 1, 4, 'later')]);
      expect(store.get('g', 't', 0)).toEqual(at('t', 0, 5));
      expect(store.list('g')).toEqual([at('t', 0, 5)]);
      expect(store.pending('g', 7)).toEqual([at('t', 0, 10), at('t', 1, 4, 'later')]);
      expect(store.hasPending('g', 't', 1)).toBe(true);
      expect(store.hasPending('g', 't', 2)).toBe(false);
      expect(store.pendingProducers('g')).toEqual([7]);
      expect(store.pendingGroupIds()).toEqual(['g']);
      await store.completePending('g', 7, true);
      expect(store.list('g')).toEqual([at('t', 0, 10), at('t', 1, 4, 'later')]);
      expect(store.pending('g', 7)).toEqual([]);
      expect(store.hasPending('g', 't', 0)).toBe(false);
      expect(store.pendingGroupIds()).toEqual([]);
      // Idempotent: a marker re-sent after recovery changes nothing.
      await store.completePending('g', 7, true);
      await store.completePending('g', 7, false);
      expect(store.list('g')).toEqual([at('t', 0, 10), at('t', 1, 4, 'later')]);
      await store.close();
    });

    it('drops pending offsets on abort, and keeps producers and groups apart', async () => {
      const store = await create();
      await store.commitPending('g', 1, [at('t', 0, 10)]);
      await store.commitPending('g', 2, [at('t', 0, 20)]);
      await store.commitPending('h', 1, [at('t', 0, 30)]);
      expect(store.groupIds()).toEqual([]);
      await store.completePending('g', 1, false);
      expect(store.get('g', 't', 0)).toBeUndefined();
      expect(store.pendingProducers('g')).toEqual([2]);
      await store.completePending('g', 2, true);
      expect(store.get('g', 't', 0)?.offset).toBe(20);
      expect(store.pending('h', 1)).toEqual([at('t', 0, 30)]);
      await store.close();
    });

    it('applies completions in call order, even when not awaited one by one', async () => {
      const store = await create();
      const writes = [
        store.commitPending('g', 1, [at('t', 0, 10)]),
        store.completePending('g', 1, true),
        store.commitPending('g', 1, [at('t', 0, 11)]),
        store.completePending('g', 1, false),
        store.commitPending('g', 1, [at('t', 1, 12)]),
      ];
      await Promise.all(writes);
      expect(store.list('g')).toEqual([at('t', 0, 10)]);
      expect(store.pending('g', 1)).toEqual([at('t', 1, 12)]);
      await store.close();
    });

    it("lets a plain commit written after the transaction's offset win when the transaction commits", async () => {
      const store = await create();
      await store.commit('g', [at('t', 0, 1)]);
      await store.commitPending('g', 4, [at('t', 0, 10), at('t', 1, 11)]);
      await store.commit('g', [at('t', 1, 50)]);
      await store.completePending('g', 4, true);
      expect(store.list('g')).toEqual([at('t', 0, 10), at('t', 1, 50)]);
      await store.close();
    });

    it('drops the pending offsets of removed partitions', async () => {
      const store = await create();
      await store.commit('g', [at('t', 0, 1)]);
      await store.commitPending('g', 3, [at('t', 0, 10), at('t', 1, 11)]);
      await store.remove('g', [{ topic: 't', partition: 0 }]);
      expect(store.hasPending('g', 't', 0)).toBe(false);
      await store.completePending('g', 3, true);
      expect(store.list('g')).toEqual([at('t', 1, 11)]);
      await store.close();
    });

    it('hands out copies and refuses pending writes once closed', async () => {
      const store = await create();
      const entry = at('t', 0, 3);
      await store.commitPending('g', 1, [entry]);
      entry.offset = 1000;
      store.pending('g', 1)[0]!.offset = 2000;
      expect(store.pending('g', 1)[0]!.offset).toBe(3);
      await store.close();
      const error = await store.commitPending('g', 1, [at('t', 0, 1)]).catch((caught: unknown) => caught);
      expect(isMiniKafkaError(error, 'COORDINATOR_NOT_AVAILABLE')).toBe(true);
      const ended = await store.completePending('g', 1, true).catch((caught: unknown) => caught);
      expect(isMiniKafkaError(ended, 'COORDINATOR_NOT_AVAILABLE')).toBe(true);
    });
  });
}
