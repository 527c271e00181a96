/**
 * What the crash harness sent and what the broker acknowledged: every record produced, by
 * kind of producer, with the exact bytes of its key and value; every acknowledgement (the
 * partition and offset the broker answered); and every acknowledged group commit (the last
 * one per group, topic and partition).
 *
 * A record's value starts with its id and a `|` (`b3.1207|` + random bytes), so a record
 * read back from the log, or handed to a consumer, is matched to what was sent without
 * trusting its offset. Ids are unique per run; nothing else in the value is.
 */
import type { SeededRandom } from '@mini-kafka/testing';

/** The producers of the mixed load. */
export const RECORD_KINDS = ['v1-batch', 'tutorial', 'kafkajs', 'kafkajs-idempotent'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Kinds whose resends the broker must store once: a duplicate of theirs is a failure, not at-least-once. */
export const IDEMPOTENT_KINDS: ReadonlySet<RecordKind> = new Set<RecordKind>(['kafkajs-idempotent']);

const KIND_CODES: Record<RecordKind, string> = {
  'v1-batch': 'b',
  tutorial: 't',
  kafkajs: 'k',
  'kafkajs-idempotent': 'i',
};

export interface SentRecord {
  id: string;
  kind: RecordKind;
  topic: string;
  key: Buffer | null;
  value: Buffer;
}

export interface Acknowledged {
  record: SentRecord;
  partition: number;
  offset: number;
}

export interface AcknowledgedCommit {
  group: string;
  topic: string;
  partition: number;
  offset: number;
}

/** Text the tutorial route must carry through a query string unchanged: URL syntax and multi-byte characters. */
const TEXT_ALPHABET = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 &=+%?#/;,é日本€😀'];

export function randomText(random: SeededRandom, length: number): string {
  return Array.from({ length }, () => TEXT_ALPHABET[random.int(TEXT_ALPHABET.length)]).join('');
}

export class Ledger {
  private readonly sent = new Map<string, SentRecord>();
  private readonly counters = new Map<string, number>();
  readonly acks: Acknowledged[] = [];
  private readonly commits = new Map<string, AcknowledgedCommit>();
  /** Acknowledged commits by group, each partition counted. */
  readonly commitAcks: Record<string, number> = {};

  /** A new record of `kind` from `worker`: its id, then `body` (random bytes unless text is given). */
  record(
    kind: RecordKind,
    worker: number,
    topic: string,
    random: SeededRandom,
    body: { text?: string; key?: Buffer | null },
  ): SentRecord {
    const counterKey = `${kind}/${worker}`;
    const n = this.counters.get(counterKey) ?? 0;
    this.counters.set(counterKey, n + 1);
    const id = `${KIND_CODES[kind]}${worker}.${n}`;
    const payload = body.text === undefined ? random.bytes(8 + random.int(300)) : Buffer.from(body.text, 'utf8');
    const record: SentRecord = {
      id,
      kind,
      topic,
      key: body.key ?? null,
      value: Buffer.concat([Buffer.from(`${id}|`), payload]),
    };
    this.sent.set(id, record);
    return record;
  }

  acknowledge(record: SentRecord, partition: number, offset: number): void {
    this.acks.push({ record, partition, offset });
  }

  commit(group: string, topic: string, partition: number, offset: number): void {
    this.commits.set(`${group}/${topic}/${partition}`, { group, topic, partition, offset });
    this.commitAcks[group] = (this.commitAcks[group] ?? 0) + 1;
  }

  /** The last acknowledged commit of every group, topic and partition. */
  lastCommits(): AcknowledgedCommit[] {
    return [...this.commits.values()];
  }

  /** The sent record a stored value belongs to (by the id it starts with), if any. */
  lookup(value: Buffer): SentRecord | undefined {
    const bar = value.indexOf(0x7c); // '|'
    if (bar <= 0 || bar > 24) return undefined;
    return this.sent.get(value.subarray(0, bar).toString('latin1'));
  }

  byId(id: string): SentRecord | undefined {
    return this.sent.get(id);
  }

  /** Whether `key` and `value` are exactly the bytes sent as `record`. */
  static same(record: SentRecord, key: Buffer | null, value: Buffer): boolean {
    const keyMatches = record.key === null ? key === null : key !== null && record.key.equals(key);
    return keyMatches && record.value.equals(value);
  }

  /** Acknowledgements so far, by kind. */
  ackedByKind(): Record<RecordKind, number> {
    const counts = Object.fromEntries(RECORD_KINDS.map((kind) => [kind, 0])) as Record<RecordKind, number>;
    for (const { record } of this.acks) counts[record.kind]++;
    return counts;
  }
}
