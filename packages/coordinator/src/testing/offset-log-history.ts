/**
 * A history of commits written through a real LogOffsetStore, with where each commit's
 * batch sits in the segment file: what the recovery tests damage, and what they expect
 * back (the history replayed without the batches they damaged).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Clock, compareStrings } from '@mini-kafka/protocol/core';
import { batchBaseOffset, batchLastOffset, batchSize } from '@mini-kafka/storage';
import { LogOffsetStore } from '../offsets/log-offset-store.js';
import type { CommittedOffset } from '../offsets/offset-store.js';

export const TOPIC = 'orders';
export const FIRST_SEGMENT = '00000000000000000000.log';

export interface HistoryBatch {
  groupId: string;
  entries: CommittedOffset[];
  /** Where the batch starts in its segment file, and its size in bytes. */
  position: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
}

export interface History {
  /** The offsets log directory. */
  directory: string;
  /** The first segment file, holding every batch (the log is written with one segment). */
  segment: string;
  /** The segment's bytes after a clean close. */
  bytes: Buffer;
  /** Every commit call, in log order. */
  batches: HistoryBatch[];
}

export interface HistoryOptions {
  clock: Clock & { advance(ms: number): void };
  groups: number;
  rounds: number;
  partitions: number;
  /** Groups with an index below this stop committing after round `idleAfterRound`. */
  idleGroups?: number;
  idleAfterRound?: number;
}

export function groupName(index: number): string {
  return `g-${String(index).padStart(2, '0')}`;
}

/** Commits `rounds` rounds, each group once per round (one batch), offsets growing by round; closes the store. */
export async function writeHistory(dataDir: string, options: HistoryOptions): Promise<History> {
  const { clock, groups, rounds, partitions, idleGroups = 0, idleAfterRound = rounds } = options;
  const store = await LogOffsetStore.open({ dataDir, clock, compactMinRecords: 1_000_000 });
  const calls: { groupId: string; entries: CommittedOffset[] }[] = [];
  for (let round = 0; round < rounds; round++) {
    for (let g = 0; g < groups; g++) {
      if (g < idleGroups && round > idleAfterRound) continue;
      const groupId = groupName(g);
      const entries = Array.from({ length: partitions }, (_, partition) => ({
        topic: TOPIC,
        partition,
        offset: round * 100 + partition + 1,
        metadata: `m-${groupId}-${round}`,
        commitTimestamp: clock.now(),
      }));
      await store.commit(groupId, entries);
      calls.push({ groupId, entries });
    }
    clock.advance(1000);
  }
  await store.close();
  const segment = join(store.directory, FIRST_SEGMENT);
  const bytes = await readFile(segment);
  const batches: HistoryBatch[] = [];
  for (let position = 0; position < bytes.length; position += batchSize(bytes, position)) {
    const call = calls[batches.length]!;
    batches.push({
      ...call,
      position,
      size: batchSize(bytes, position),
      baseOffset: batchBaseOffset(bytes, position),
      lastOffset: batchLastOffset(bytes, position),
    });
  }
  if (batches.length !== calls.length) throw new Error('one batch per commit call expected');
  return { directory: store.directory, segment, bytes, batches };
}

/** Each group's offsets after replaying `batches` in order, sorted by partition. */
export function replayed(batches: readonly HistoryBatch[]): Map<string, CommittedOffset[]> {
  const groups = new Map<string, Map<number, CommittedOffset>>();
  for (const { groupId, entries } of batches) {
    const group = groups.get(groupId) ?? new Map<number, CommittedOffset>();
    groups.set(groupId, group);
    for (const entry of entries) group.set(entry.partition, entry);
  }
  return new Map(
    [...groups.entries()]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([groupId, group]) => [groupId, [...group.values()].sort((a, b) => a.partition - b.partition)]),
  );
}

/** Every group's offsets as a store lists them. */
export function listed(store: {
  groupIds(): string[];
  list(groupId: string): CommittedOffset[];
}): Map<string, CommittedOffset[]> {
  return new Map(store.groupIds().map((groupId) => [groupId, store.list(groupId)]));
}

/** XORs `count` bytes from `at` with 0xff. */
export function flipBytes(bytes: Buffer, at: number, count = 8): Buffer {
  const copy = Buffer.from(bytes);
  for (let i = at; i < at + count; i++) copy[i] = copy[i]! ^ 0xff;
  return copy;
}
