/**
 * A member's reads: from its position in each partition it owns. A partition without a
 * position starts at the group's committed offset, or, with none, where the member's
 * `autoOffsetReset` says (the start or the end); a position the cluster no longer has
 * (OFFSET_OUT_OF_RANGE: retention, deleted records) starts over the same way. The records
 * come from the partitions' leaders in one Fetch per leader, read_committed unless asked
 * otherwise; positions move past what is answered (and past markers and aborted records).
 */
import { MiniKafkaError } from '@mini-kafka/protocol';
import type { StoredRecord } from '@mini-kafka/storage';
import type { ClusterClient } from '../../cluster/cluster-client.js';
import { kafkaError } from '../../cluster/cluster-errors.js';
import { decodeFetched, fetch, type Isolation, listOffset, offsetAfterBatches } from '../../cluster/partition-io.js';
import { committedOffsets } from './group-offsets.js';
import { type MemberSession, positionKey } from './member-session.js';

const OFFSET_OUT_OF_RANGE = 1;

export interface MemberReadLimits {
  maxRecords: number;
  maxBytes: number;
  waitMs: number;
  isolation: Isolation;
}

export interface MemberRecords {
  topic: string;
  partition: number;
  record: StoredRecord;
}

/** Gives every owned partition a position (committed offset, else the reset policy). */
async function ensurePositions(client: ClusterClient, session: MemberSession): Promise<void> {
  const missing = session.assignment.filter((tp) => !session.positions.has(positionKey(tp.topic, tp.partition)));
  if (missing.length === 0) return;
  const committed = await committedOffsets(client, session.settings.groupId);
  for (const { topic, partition } of missing) {
    const found = committed.find((c) => c.topic === topic && c.partition === partition);
    const offset = found?.offset ?? (await resetPosition(client, session, topic, partition));
    session.positions.set(positionKey(topic, partition), offset);
  }
}

async function resetPosition(
  client: ClusterClient,
  session: MemberSession,
  topic: string,
  partition: number,
): Promise<number> {
  const timestamp = session.settings.autoOffsetReset === 'latest' ? -1 : -2;
  return (await listOffset(client, topic, partition, timestamp)).offset;
}

/** Reads the member's next records; its positions move past what is answered. */
export async function readForMember(
  client: ClusterClient,
  session: MemberSession,
  limits: MemberReadLimits,
): Promise<MemberRecords[]> {
  await ensurePositions(client, session);
  const wants = session.assignment.map(({ topic, partition }) => ({
    topic,
    partition,
    offset: session.positions.get(positionKey(topic, partition))!,
    maxBytes: limits.maxBytes,
  }));
  if (wants.length === 0) {
    if (limits.waitMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(limits.waitMs, 1_000)));
    return [];
  }
  const generation = session.generationId;
  const answers = await fetch(client, wants, {
    maxWaitMs: limits.waitMs,
    maxBytes: limits.maxBytes,
    isolation: limits.isolation,
    // A long poll holds its connection: the member's own, so it stalls nobody else's requests.
    lane: session.fetchLane,
  });
  const out: MemberRecords[] = [];
  for (const fetched of answers) {
    const key = positionKey(fetched.topic, fetched.partition);
    // A rebalance moved the partition while the fetch waited: its records are someone else's now.
    if (session.generationId !== generation || !session.positions.has(key)) continue;
    if (fetched.errorCode === OFFSET_OUT_OF_RANGE) {
      session.positions.set(key, await resetPosition(client, session, fetched.topic, fetched.partition));
      continue;
    }
    if (fetched.errorCode !== 0) {
      throw kafkaError(fetched.errorCode, `Reading ${fetched.topic}-${fetched.partition}`, {
        topic: fetched.topic,
        partition: fetched.partition,
      });
    }
    const room = limits.maxRecords - out.length;
    if (room <= 0) break;
    const taken = decodeFetched(fetched, limits.isolation, room);
    for (const record of taken) out.push({ topic: fetched.topic, partition: fetched.partition, record });
    const next = taken.length < room ? offsetAfterBatches(fetched) : taken[taken.length - 1]!.offset + 1;
    session.positions.set(key, Math.max(next, fetched.fetchOffset));
  }
  return out;
}

/** Moves the member's position in a partition it owns. */
export async function seekMember(
  client: ClusterClient,
  session: MemberSession,
  topic: string,
  partition: number,
  offset: number,
): Promise<void> {
  if (!session.owns(topic, partition)) {
    throw new MiniKafkaError(
      'UNKNOWN_TOPIC_OR_PARTITION',
      `Member ${session.settings.memberId} does not own ${topic}-${partition}`,
      {
        details: { topic, partition },
      },
    );
  }
  const [start, end] = await Promise.all([
    listOffset(client, topic, partition, -2),
    listOffset(client, topic, partition, -1),
  ]);
  if (offset < start.offset || offset > end.offset) {
    throw new MiniKafkaError(
      'OFFSET_OUT_OF_RANGE',
      `Offset ${offset} is outside ${topic}-${partition} (${start.offset} to ${end.offset})`,
      { details: { topic, partition, offset, logStartOffset: start.offset, highWatermark: end.offset } },
    );
  }
  session.positions.set(positionKey(topic, partition), offset);
}
