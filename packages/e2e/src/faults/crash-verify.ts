/**
 * The check after each restart of the crash harness. Every partition is read whole, as
 * bytes, and held against the ledger:
 * - each acknowledged record is at its offset with identical key and value bytes (else a loss);
 * - offsets run without a hole from the log start to the high watermark (else a gap);
 * - every stored record is one that was sent, byte for byte (else corruption);
 * - a record stored more than once is a duplicate, counted by producer kind (a failure for
 *   idempotent producers; at-least-once for the others);
 * - each group's committed offset is at or past its last acknowledged commit, and not past
 *   the log end.
 * Reading runs while nothing produces (the harness pauses its load), so the ledger does not
 * move underneath.
 */
import { call } from '../support/json-call.js';
import { IDEMPOTENT_KINDS, Ledger, RECORD_KINDS, type RecordKind } from './ledger.js';
import { partitionBounds, readPartition, type StoredRecord } from './read-log.js';

export interface TopicSpec {
  name: string;
  partitions: number;
}

export interface Verification {
  acknowledgedChecked: number;
  losses: number;
  gaps: number;
  corrupt: number;
  duplicates: Record<RecordKind, number>;
  /** Records stored whose acknowledgement never came (the answer was cut by the kill): allowed. */
  storedUnacknowledged: number;
  commitsChecked: number;
  commitsBehind: number;
  /** What went wrong, first few of each (empty when everything holds). */
  problems: string[];
}

const MAX_PROBLEMS = 20;

interface PartitionLog {
  logStartOffset: number;
  highWatermark: number;
  records: StoredRecord[];
}

export async function verifyBroker(url: string, topics: readonly TopicSpec[], ledger: Ledger): Promise<Verification> {
  const acks = ledger.acks.slice();
  const commits = ledger.lastCommits();
  const result: Verification = {
    acknowledgedChecked: 0,
    losses: 0,
    gaps: 0,
    corrupt: 0,
    duplicates: Object.fromEntries(RECORD_KINDS.map((kind) => [kind, 0])) as Record<RecordKind, number>,
    storedUnacknowledged: 0,
    commitsChecked: 0,
    commitsBehind: 0,
    problems: [],
  };
  const problem = (text: string): void => {
    if (result.problems.length < MAX_PROBLEMS) result.problems.push(text);
  };

  const logs = new Map<string, PartitionLog>();
  const copies = new Map<string, number>();
  for (const topic of topics) {
    for (const bounds of await partitionBounds(url, topic.name)) {
      const { partition, logStartOffset, highWatermark } = bounds;
      const records = await readPartition(url, topic.name, partition, logStartOffset, highWatermark);
      logs.set(`${topic.name}/${partition}`, { logStartOffset, highWatermark, records });
      let expected = logStartOffset;
      for (const stored of records) {
        if (stored.offset !== expected) {
          result.gaps++;
          problem(`${topic.name}-${partition}: offset ${stored.offset} follows ${expected - 1}`);
        }
        expected = stored.offset + 1;
        const sent = ledger.lookup(stored.value);
        if (sent === undefined || sent.topic !== topic.name || !Ledger.same(sent, stored.key, stored.value)) {
          result.corrupt++;
          problem(`${topic.name}-${partition}@${stored.offset}: not a record that was sent (${sent?.id ?? 'no id'})`);
          continue;
        }
        copies.set(sent.id, (copies.get(sent.id) ?? 0) + 1);
      }
      if (expected !== highWatermark) {
        result.gaps++;
        problem(`${topic.name}-${partition}: records end at ${expected}, the high watermark is ${highWatermark}`);
      }
    }
  }

  const acked = new Set<string>();
  for (const { record, partition, offset } of acks) {
    result.acknowledgedChecked++;
    acked.add(record.id);
    const log = logs.get(`${record.topic}/${partition}`);
    const stored = log?.records[offset - log.logStartOffset];
    if (stored === undefined || stored.offset !== offset || !Ledger.same(record, stored.key, stored.value)) {
      result.losses++;
      problem(`${record.kind} ${record.id} acknowledged at ${record.topic}-${partition}@${offset}: not there`);
    }
  }

  for (const [id, count] of copies) {
    if (!acked.has(id)) result.storedUnacknowledged++;
    if (count < 2) continue;
    const kind = ledger.byId(id)!.kind;
    result.duplicates[kind] += count - 1;
    if (IDEMPOTENT_KINDS.has(kind)) problem(`${kind} ${id} stored ${count} times`);
  }

  const groups = new Set(commits.map((commit) => commit.group));
  for (const group of groups) {
    const { status, body } = await call(url, 'GET', `/v1/groups/${encodeURIComponent(group)}/offsets`);
    if (status !== 200) throw new Error(`GET /v1/groups/${group}/offsets answered ${status}`);
    const committed = new Map<string, number>();
    for (const entry of body.offsets as { topic: string; partition: number; offset: number }[]) {
      committed.set(`${entry.topic}/${entry.partition}`, entry.offset);
    }
    for (const commit of commits.filter((c) => c.group === group)) {
      result.commitsChecked++;
      const key = `${commit.topic}/${commit.partition}`;
      const now = committed.get(key);
      const end = logs.get(key)?.highWatermark ?? 0;
      if (now === undefined || now < commit.offset || now > end) {
        result.commitsBehind++;
        problem(`group ${group} ${key}: committed ${now}, acknowledged ${commit.offset}, log end ${end}`);
      }
    }
  }
  return result;
}

/** Whether a verification found anything that must not happen (duplicates of non-idempotent producers are allowed). */
export function failed(verification: Verification): boolean {
  const idempotentDuplicates = [...IDEMPOTENT_KINDS].reduce((sum, kind) => sum + verification.duplicates[kind], 0);
  return (
    verification.losses + verification.gaps + verification.corrupt + verification.commitsBehind + idempotentDuplicates >
    0
  );
}
