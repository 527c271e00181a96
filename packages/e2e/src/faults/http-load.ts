/**
 * The HTTP side of the crash harness's mixed load, one operation per call, each recording
 * what the broker acknowledged in the ledger:
 * - a /v1 batch produce: 1–20 records (UTF-8 or base64 bytes; an explicit partition, a key,
 *   or neither) in one POST /v1/topics/<t>/records;
 * - a tutorial produce: POST /topics/<t>/messages?message=...&key=... (text with URL syntax
 *   and multi-byte characters);
 * - an HTTP group member: join (again after a restart, under the same member id), read
 *   what its partitions hold, check each record against what was sent, commit past it.
 * A non-200 answer or a dead socket throws: the operation was not acknowledged.
 */
import type { SeededRandom } from '@mini-kafka/testing';
import { call } from '../support/json-call.js';
import type { TopicSpec } from './crash-verify.js';
import { Ledger, randomText, type SentRecord } from './ledger.js';
import { type RecordJson, storedRecord } from './read-log.js';

const pick = <T>(random: SeededRandom, items: readonly T[]): T => items[random.int(items.length)]!;

function expectOk(status: number, what: string): void {
  if (status !== 200) throw new Error(`${what} answered ${status}`);
}

export async function produceV1Batch(
  url: string,
  ledger: Ledger,
  topics: readonly TopicSpec[],
  worker: number,
  random: SeededRandom,
): Promise<void> {
  const topic = pick(random, topics);
  const base64 = random.int(2) === 0;
  const records: SentRecord[] = [];
  const json: Record<string, unknown>[] = [];
  for (let i = 1 + random.int(20); i > 0; i--) {
    const mode = random.int(3); // 0: explicit partition, 1: keyed, 2: neither
    const key = mode !== 1 ? null : base64 ? random.bytes(1 + random.int(16)) : Buffer.from(randomText(random, 8));
    const text = base64 ? undefined : randomText(random, 5 + random.int(100));
    const record = ledger.record('v1-batch', worker, topic.name, random, { key, text });
    records.push(record);
    const encode = (bytes: Buffer): string => bytes.toString(base64 ? 'base64' : 'utf8');
    json.push({
      value: encode(record.value),
      ...(key === null ? {} : { key: encode(key) }),
      ...(mode === 0 ? { partition: random.int(topic.partitions) } : {}),
    });
  }
  const body = { encoding: base64 ? 'base64' : 'utf8', records: json };
  const answer = await call(url, 'POST', `/v1/topics/${topic.name}/records`, body);
  expectOk(answer.status, 'POST /v1 records');
  records.forEach((record, i) => {
    const { partition, offset } = answer.body.records[i] as { partition: number; offset: number };
    ledger.acknowledge(record, partition, offset);
  });
}

export async function produceTutorial(
  url: string,
  ledger: Ledger,
  topics: readonly TopicSpec[],
  random: SeededRandom,
): Promise<void> {
  const topic = pick(random, topics);
  const key = random.int(2) === 0 ? `k${randomText(random, 6)}` : undefined;
  const record = ledger.record('tutorial', 0, topic.name, random, {
    text: randomText(random, 5 + random.int(60)),
    key: key === undefined ? null : Buffer.from(key),
  });
  const query = `message=${encodeURIComponent(record.value.toString('utf8'))}${key === undefined ? '' : `&key=${encodeURIComponent(key)}`}`;
  const answer = await call(url, 'POST', `/topics/${topic.name}/messages?${query}`);
  expectOk(answer.status, 'POST /topics/.../messages');
  ledger.acknowledge(record, answer.body.partition_id, answer.body.message_offset);
}

/** An HTTP group member that reads, checks and commits; it joins again whenever the broker forgot it. */
export class HttpMember {
  consumed = 0;
  /** Records handed out that were not what was sent (must stay 0). */
  mismatches = 0;
  private generationId: number | undefined;

  constructor(
    private readonly ledger: Ledger,
    private readonly group: string,
    private readonly memberId: string,
    private readonly topics: readonly TopicSpec[],
    private readonly problems: string[],
  ) {}

  async step(url: string): Promise<void> {
    const base = `/v1/groups/${this.group}`;
    if (this.generationId === undefined) {
      const joined = await call(url, 'POST', `${base}/members`, {
        topics: this.topics.map((topic) => topic.name),
        memberId: this.memberId,
        sessionTimeoutMs: 30_000,
      });
      expectOk(joined.status, 'join');
      this.generationId = joined.body.generationId;
    }
    const generationId = this.generationId;
    const query = `maxRecords=300&waitMs=100&encoding=base64&generationId=${generationId}`;
    const read = await call(url, 'GET', `${base}/members/${this.memberId}/records?${query}`);
    if (read.status !== 200 || read.body.rebalanceRequired) this.generationId = undefined;
    expectOk(read.status, 'member read');
    const next = new Map<string, { topic: string; partition: number; offset: number }>();
    for (const json of read.body.records as (RecordJson & { topic: string; partition: number })[]) {
      const stored = storedRecord(json);
      const sent = this.ledger.lookup(stored.value);
      if (sent === undefined || !Ledger.same(sent, stored.key, stored.value)) {
        this.mismatches++;
        this.problems.push(`${this.group} read ${json.topic}-${json.partition}@${json.offset}: not what was sent`);
      }
      this.consumed++;
      next.set(`${json.topic}/${json.partition}`, {
        topic: json.topic,
        partition: json.partition,
        offset: json.offset + 1,
      });
    }
    if (next.size === 0) return;
    const offsets = [...next.values()];
    const commit = await call(url, 'POST', `${base}/offsets`, { memberId: this.memberId, generationId, offsets });
    if (commit.status !== 200) this.generationId = undefined;
    expectOk(commit.status, 'commit');
    for (const { topic, partition, offset } of offsets) this.ledger.commit(this.group, topic, partition, offset);
  }
}
