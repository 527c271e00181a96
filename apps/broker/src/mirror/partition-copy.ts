/**
 * Copying one partition from a source cluster to a destination cluster, in offset order,
 * each record with its key, value, headers and timestamp. The source is read
 * read_committed: transaction markers and aborted records are not copied (and records of a
 * transaction still open wait for it), so destination offsets can be fewer than source ones.
 * The mirror is the destination partition's only writer: each batch must land where the
 * copy expects, or the copy stops rather than interleave with another writer.
 *
 * Where a run starts (`resume`): the destination's end says how many records were copied;
 * the newest checkpoint at or below it gives a source offset to count that many from.
 */
import { MiniKafkaError } from '@mini-kafka/protocol';
import type { StoredRecord } from '@mini-kafka/storage';
import type { ClusterClient } from '../cluster/cluster-client.js';
import { kafkaError } from '../cluster/cluster-errors.js';
import { decodeFetched, fetch, listOffset, offsetAfterBatches, produceRecords } from '../cluster/partition-io.js';
import type { MirrorState } from './mirror-state.js';

const READ_BYTES = 1024 * 1024;

export interface CopyPosition {
  /** The next source offset to copy. */
  source: number;
  /** The destination offset that source record will get. */
  destination: number;
}

async function read(client: ClusterClient, topic: string, partition: number, offset: number) {
  const [fetched] = await fetch(client, [{ topic, partition, offset, maxBytes: READ_BYTES }], {
    maxWaitMs: 0,
    maxBytes: READ_BYTES,
    isolation: 'read_committed',
  });
  if (fetched === undefined || fetched.errorCode !== 0) {
    throw kafkaError(fetched?.errorCode ?? 3, `Reading ${topic}-${partition} of the source at ${offset}`, {
      topic,
      partition,
    });
  }
  return { fetched, records: decodeFetched(fetched, 'read_committed') };
}

/** The source offset after skipping `count` copied records from `from` (the count-th record's offset + 1). */
export async function skipRecords(
  client: ClusterClient,
  topic: string,
  partition: number,
  from: number,
  count: number,
): Promise<number> {
  let at = from;
  let left = count;
  while (left > 0) {
    const { fetched, records } = await read(client, topic, partition, at);
    if (records.length === 0 && offsetAfterBatches(fetched) === at) {
      throw new MiniKafkaError(
        'INVALID_CONFIG',
        `The destination holds more records of ${topic}-${partition} than the source has from offset ${from}: was it written by something else?`,
        { details: { topic, partition } },
      );
    }
    if (records.length >= left) return records[left - 1]!.offset + 1;
    left -= records.length;
    at = offsetAfterBatches(fetched);
  }
  return at;
}

/** Where the copy of a partition resumes. */
export async function resume(
  source: ClusterClient,
  destination: ClusterClient,
  state: MirrorState,
  topic: string,
  partition: number,
): Promise<CopyPosition> {
  const end = (await listOffset(destination, topic, partition, -1)).offset;
  const start = (await listOffset(destination, topic, partition, -2)).offset;
  const checkpoint = state.below(topic, partition, end);
  if (checkpoint === undefined) {
    if (end > start) {
      throw new MiniKafkaError(
        'INVALID_CONFIG',
        `The destination's ${topic}-${partition} already holds records this mirror did not copy (no state for it): mirror into an empty topic`,
        { details: { topic, partition } },
      );
    }
    return { source: (await listOffset(source, topic, partition, -2)).offset, destination: end };
  }
  const [sourceOffset, destinationOffset] = checkpoint;
  return {
    source: await skipRecords(source, topic, partition, sourceOffset, end - destinationOffset),
    destination: end,
  };
}

const toInput = (record: StoredRecord) => ({
  key: record.key,
  value: record.value,
  headers: record.headers,
  timestamp: record.timestamp,
});

/**
 * Copies the next records (up to about a MiB) of a partition; moves `position` on and
 * records a checkpoint once the destination acknowledged them. Answers how many were
 * copied (0: nothing new) and the source's end as that read saw it.
 */
export async function copyNext(
  source: ClusterClient,
  destination: ClusterClient,
  state: MirrorState,
  topic: string,
  partition: number,
  position: CopyPosition,
): Promise<{ copied: number; sourceEnd: number }> {
  const { fetched, records } = await read(source, topic, partition, position.source);
  const sourceEnd = fetched.lastStableOffset >= 0 ? fetched.lastStableOffset : fetched.highWatermark;
  if (records.length === 0) {
    position.source = offsetAfterBatches(fetched);
    return { copied: 0, sourceEnd };
  }
  const { baseOffset } = await produceRecords(destination, topic, partition, records.map(toInput));
  if (baseOffset !== position.destination) {
    throw new MiniKafkaError(
      'INVALID_CONFIG',
      `The destination's ${topic}-${partition} was written by something else (records landed at ${baseOffset}, expected ${position.destination}); stopping`,
      { details: { topic, partition } },
    );
  }
  state.record(topic, partition, records[0]!.offset, baseOffset);
  position.destination = baseOffset + records.length;
  position.source = offsetAfterBatches(fetched);
  return { copied: records.length, sourceEnd };
}

/**
 * A committed source offset as a destination offset: the destination offset of the first
 * copied record at or after it. `undefined` while the copy has not reached it.
 */
export async function translateOffset(
  source: ClusterClient,
  state: MirrorState,
  topic: string,
  partition: number,
  committed: number,
  position: CopyPosition,
): Promise<number | undefined> {
  if (committed >= position.source) return committed === position.source ? position.destination : undefined;
  const checkpoint = state.atOrBeforeSource(topic, partition, committed);
  if (checkpoint === undefined) return state.checkpoints(topic, partition)[0]?.[1] ?? position.destination;
  const [from, destinationOffset] = checkpoint;
  let at = from;
  let counted = 0;
  while (at < committed) {
    const { fetched, records } = await read(source, topic, partition, at);
    const before = records.filter((record) => record.offset < committed);
    counted += before.length;
    if (before.length < records.length) break;
    const next = offsetAfterBatches(fetched);
    if (next === at) break;
    at = next;
  }
  return destinationOffset + counted;
}
