/**
 * Fetch for a group member from its positions: reads every partition assigned to the
 * member from where it stands (see MemberPositions), concurrently, within the record
 * and byte budgets; when nothing is there, long-polls until any of its partitions gets
 * data. Positions move past what is returned. Each read of the member's partitions takes one
 * lease of the fetch memory budget first (read-lease.ts), which may shrink its limits; the
 * caller releases it once the answer is written.
 *
 * A partition whose log cannot be read (damage: CORRUPT_MESSAGE; offline or failing storage:
 * KAFKA_STORAGE_ERROR) does not fail the fetch: it is answered as that partition's error
 * (`unreadable`), its position unchanged, beside the other partitions' records, and the fetch
 * then does not long-poll, so the member learns of it at once.
 *
 * Transactions: reads stop at the last stable offset with read_committed (the default) and
 * never return markers or records of aborted transactions; a position moves past those too
 * (to the read's `nextOffset`), so a member's lag reaches 0 after a transaction's marker.
 */

import type { GroupCoordinator } from '@mini-kafka/coordinator';
import { isMiniKafkaError, type MiniKafkaError } from '@mini-kafka/protocol/core';
import type { IsolationLevel, LogManager, PartitionLog, StoredRecord } from '@mini-kafka/storage';
import type { FetchLease, FetchMemory } from './fetch-memory.js';
import type { MemberPositions } from './member-positions.js';
import { holdRecords, leaseRead } from './read-lease.js';

export interface MemberFetchOptions {
  maxRecords: number;
  maxBytes: number;
  waitMs: number;
  memory: FetchMemory;
  signal?: AbortSignal;
  /** Default read_committed (the HTTP API's default): stop at the last stable offset. */
  isolation?: IsolationLevel;
}

export interface FetchedPartition {
  topic: string;
  partition: number;
  records: StoredRecord[];
}

/** A member's partition a fetch could not read, at the member's position there. */
export interface UnreadablePartition {
  topic: string;
  partition: number;
  offset: number;
  error: MiniKafkaError;
}

/** Whether a read's error belongs to its partition (its log's state), not to the request. */
export function isPartitionReadError(error: unknown): error is MiniKafkaError {
  return isMiniKafkaError(error, 'CORRUPT_MESSAGE') || isMiniKafkaError(error, 'KAFKA_STORAGE_ERROR');
}

/** A partition a member reads, and where it reads from. */
export interface MemberTarget {
  topic: string;
  partition: number;
  log: PartitionLog;
  position: number;
}

export async function startingPosition(
  coordinator: GroupCoordinator,
  positions: MemberPositions,
  group: string,
  member: string,
  topic: string,
  partition: number,
  log: PartitionLog,
): Promise<number> {
  const known = positions.get(group, member, topic, partition);
  const committed = known ?? coordinator.committed(group, topic).find((entry) => entry.partition === partition)?.offset;
  if (committed !== undefined && committed >= log.logStartOffset && committed <= log.logEndOffset) return committed;
  return positions.resetPolicy(group, member) === 'latest' ? log.highWatermark : log.logStartOffset;
}

export async function fetchForMember(
  logs: LogManager,
  coordinator: GroupCoordinator,
  positions: MemberPositions,
  group: string,
  member: string,
  assignment: readonly { topic: string; partition: number }[],
  options: MemberFetchOptions,
): Promise<MemberFetch> {
  const targets = await memberTargets(logs, coordinator, positions, group, member, assignment);

  const readAll = async (): Promise<MemberFetch> => {
    const logs = targets.map((target) => target.log);
    const { lease, limits } = await leaseRead(options.memory, logs, options, options.signal);
    try {
      // A grant of 0: the client went away while waiting for budget.
      const unreadable: UnreadablePartition[] = [];
      const partitions = limits.maxRecords === 0 || targets.length === 0 ? [] : await readTargets(limits, unreadable);
      holdRecords(lease, ...partitions.map((fetched) => fetched.records));
      return { partitions, unreadable, lease };
    } catch (error) {
      lease.release();
      throw error;
    }
  };

  const readTargets = async (
    limits: { maxBytes: number; maxRecords: number },
    unreadable: UnreadablePartition[],
  ): Promise<FetchedPartition[]> => {
    let remaining = limits.maxRecords;
    const perPartitionBytes = Math.max(1, Math.floor(limits.maxBytes / Math.max(1, targets.length)));
    const reads = await Promise.all(
      targets.map(async (target) => {
        try {
          return await target.log.read(target.position, {
            maxBytes: perPartitionBytes,
            maxRecords: limits.maxRecords,
            isolation: options.isolation ?? 'read_committed',
          });
        } catch (error) {
          if (isMiniKafkaError(error, 'OFFSET_OUT_OF_RANGE')) return undefined;
          if (isPartitionReadError(error)) return error;
          throw error;
        }
      }),
    );
    const out: FetchedPartition[] = [];
    reads.forEach((read, i) => {
      const target = targets[i]!;
      if (read instanceof Error) {
        unreadable.push({ topic: target.topic, partition: target.partition, offset: target.position, error: read });
        return;
      }
      if (read === undefined) {
        // Retention moved the log start past this position: start again per the reset policy.
        positions.set(group, member, target.topic, target.partition, target.log.logStartOffset);
        return;
      }
      const records = read.records.slice(0, Math.max(0, remaining));
      remaining -= records.length;
      // All of the read taken (or nothing but markers and aborted records in it): past what it passed over.
      const whole = records.length === read.records.length;
      if (whole && read.nextOffset > target.position)
        positions.set(group, member, target.topic, target.partition, read.nextOffset);
      if (records.length === 0) return;
      if (!whole) positions.set(group, member, target.topic, target.partition, records[records.length - 1]!.offset + 1);
      out.push({ topic: target.topic, partition: target.partition, records });
    });
    return out;
  };

  const first = await readAll();
  if (first.partitions.length > 0 || first.unreadable.length > 0 || options.waitMs <= 0 || targets.length === 0) {
    return first;
  }
  if (!(await waitForAnyTarget(targets, options.waitMs, options.signal, options.isolation))) return first;
  first.lease.release();
  return readAll();
}

/** What a member fetch answers: records by partition, the partitions it could not read, and the lease holding the records. */
export interface MemberFetch {
  partitions: FetchedPartition[];
  unreadable: UnreadablePartition[];
  lease: FetchLease;
}

/**
 * Where a member reads each partition assigned to it from (see startingPosition), pinned in
 * `positions`; positions of partitions no longer assigned are dropped.
 */
export async function memberTargets(
  logs: LogManager,
  coordinator: GroupCoordinator,
  positions: MemberPositions,
  group: string,
  member: string,
  assignment: readonly { topic: string; partition: number }[],
): Promise<MemberTarget[]> {
  positions.retain(group, member, assignment);
  const targets: MemberTarget[] = [];
  for (const { topic, partition } of assignment) {
    const log = logs.getLog(topic, partition);
    const position = await startingPosition(coordinator, positions, group, member, topic, partition, log);
    // Pin where the member starts: with "latest", records produced before its next fetch are its to read.
    positions.set(group, member, topic, partition, position);
    targets.push({ topic, partition, log, position });
  }
  return targets;
}

/** The long poll: true once any target's log has data at its position, false after `waitMs` or an abort. */
export async function waitForAnyTarget(
  targets: readonly MemberTarget[],
  waitMs: number,
  signal: AbortSignal | undefined,
  isolation: IsolationLevel = 'read_committed',
): Promise<boolean> {
  const stop = new AbortController();
  const abort = (): void => stop.abort(LONG_POLL_OVER);
  signal?.addEventListener('abort', abort, { once: true });
  try {
    return await Promise.race(
      targets.map((target) => target.log.waitForData(target.position, waitMs, stop.signal, isolation)),
    );
  } finally {
    stop.abort(LONG_POLL_OVER);
    signal?.removeEventListener('abort', abort);
  }
}

/** The reason the long poll's waits are stopped with: a constant, as `abort()` alone builds a DOMException (a stack) every time. */
const LONG_POLL_OVER = Symbol('long poll over');
