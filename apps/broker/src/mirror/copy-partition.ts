/**
 * Copies one partition from the source to the destination, resuming where the destination
 * ends. The truth is the destination's end offset: the mirror is its only writer, so a
 * partition with records and no state is refused (unless forced), and a destination ahead of
 * the state (a produce acknowledged just before a crash, its state write lost) is caught up by
 * skipping that many records in the source, without producing them again. The state is saved
 * after each acknowledged produce, never before.
 */
import { encodeRecordBatch } from '@mini-kafka/storage';
import { CommandFailed } from '../cli/exit-codes.js';
import type { ClusterClient } from '../cluster/cluster-client.js';
import { listOffset, produceBatch } from '../cluster/partition-io.js';
import type { MirrorSource } from './mirror-source.js';
import type { MirrorState } from './mirror-state.js';
import { OffsetMap } from './offset-map.js';

export interface CopyLimits {
  maxRecords: number;
  maxBytes: number;
}

export const DEFAULT_COPY_LIMITS: CopyLimits = { maxRecords: 500, maxBytes: 1024 * 1024 };

export interface PartitionCopy {
  topic: string;
  partition: number;
  source: MirrorSource;
  dest: ClusterClient;
  state: MirrorState;
  force: boolean;
  limits?: CopyLimits;
  signal?: AbortSignal;
  /** Told of each batch copied. */
  onCopied?: (topic: string, count: number) => void;
}

/** The partition's map once the destination and the state agree (records already there skipped). */
export async function resumePartition(copy: PartitionCopy): Promise<OffsetMap> {
  const { topic, partition, source, dest, state } = copy;
  const destEnd = (await listOffset(dest, topic, partition, -1)).offset;
  let map = state.get(topic, partition);
  if (map === undefined) {
    if (destEnd > 0 && !copy.force) {
      throw new CommandFailed(
        `${topic}-${partition} already holds records in the destination (end ${destEnd}) and the state file has none for it; pass --force to append after them`,
      );
    }
    map = OffsetMap.start((await source.bounds(topic, partition)).start, destEnd);
    state.set(topic, partition, map);
    await state.save(); // before the first produce: a crash after it must not leave records the state does not know of
  }
  const behind = map.next.destOffset;
  if (destEnd < behind) {
    throw new CommandFailed(
      `${topic}-${partition} ends at ${destEnd} in the destination but the state says ${behind} were copied: it lost records or was recreated`,
    );
  }
  let skip = destEnd - behind;
  while (skip > 0) {
    const read = await source.read(topic, partition, map.next.sourceOffset, skip, DEFAULT_COPY_LIMITS.maxBytes);
    if (read.records.length === 0 && read.nextOffset === map.next.sourceOffset) {
      throw new CommandFailed(`${topic}-${partition} holds more records in the destination than the source has`);
    }
    map.copied(
      read.records.map((record) => record.offset),
      read.records.length === skip ? read.records.at(-1)!.offset + 1 : read.nextOffset,
    );
    skip -= read.records.length;
  }
  if (destEnd > behind) await state.save();
  return map;
}

/** Copies until the partition is caught up with the source's committed end (or the signal fires). */
export async function copyPartition(copy: PartitionCopy): Promise<void> {
  const { topic, partition, source, dest, state, signal } = copy;
  const limits = copy.limits ?? DEFAULT_COPY_LIMITS;
  const map = await resumePartition(copy);
  while (signal?.aborted !== true) {
    const { start } = await source.bounds(topic, partition);
    if (start > map.next.sourceOffset) map.copied([], start);
    const position = map.next.sourceOffset;
    const read = await source.read(topic, partition, position, limits.maxRecords, limits.maxBytes);
    if (read.records.length === 0) {
      if (read.nextOffset <= position) return;
      map.copied([], read.nextOffset);
      continue;
    }
    const batch = encodeRecordBatch(
      read.records.map(({ key, value, headers, timestamp }) => ({ key, value, headers, timestamp })),
    );
    const produced = await produceBatch(dest, topic, partition, batch);
    if (produced.baseOffset !== map.next.destOffset) {
      throw new CommandFailed(
        `${topic}-${partition}: the destination appended at ${produced.baseOffset}, expected ${map.next.destOffset}: another writer is producing to it`,
      );
    }
    map.copied(
      read.records.map((record) => record.offset),
      read.nextOffset,
    );
    await state.save();
    copy.onCopied?.(topic, read.records.length);
  }
}
