/**
 * The load of the disk-full scenario, one operation per call, every answer accounted for:
 * acknowledged (into the topic's ledger), refused cleanly (a Refusals kind), cut by a kill
 * the scenario made, or unclean (a problem).
 * - two /v1 batch producers (1–30 records, UTF-8 text or base64 bytes; a partition, a key
 *   or neither) and the tutorial producer, over HTTP;
 * - kafkajs producers with acks -1, one plain and one `idempotent: true`, few retries so a
 *   refusal comes back quickly (kafkajs retries KAFKA_STORAGE_ERROR: it is retriable);
 * - an HTTP group member and a kafkajs consumer group on the topic that is never deleted,
 *   both reading, checking what they read and committing (the offsets log is on the same
 *   disk, so commits are refused too).
 * Producers write mostly to the cycle's fill topic; the kept topic gets at most
 * `keepBudget` bytes a cycle, so it does not take the disk over across many cycles.
 */
import type { SeededRandom } from '@mini-kafka/testing';
import type { TopicSpec } from './crash-verify.js';
import type { DiskLedgers } from './disk-full-ledgers.js';
import { type HttpAnswer, type RefusalKind, type Refusals, request } from './disk-full-refusals.js';
import { Ledger, randomText, type SentRecord } from './ledger.js';
import { type RecordJson, storedRecord } from './read-log.js';

export const KEEP_TOPIC: TopicSpec = { name: 'keep', partitions: 2 };
export const HTTP_GROUP = 'disk-http';
export const KAFKAJS_GROUP = 'disk-kafkajs';
const MEMBER_ID = 'disk-member';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What every operation shares: where to send, where to record, what to hide, and whether a kill is under way. */
export interface LoadContext {
  url: string;
  ledgers: DiskLedgers;
  refusals: Refusals;
  /** Paths no answer may name. */
  hidden: readonly string[];
  /** The topic being filled this cycle. */
  fill: TopicSpec;
  /** Bytes the kept topic may still take this cycle. */
  keepBudget: number;
  /** Set while the scenario kills and restarts the broker: a failure then is cut, not unclean. */
  killing: boolean;
  /** Operations cut by a kill. */
  cut: number;
}

/** The topic of the next produce: the kept topic while its budget lasts (one time in eight), else the fill topic. */
function chooseTopic(ctx: LoadContext, random: SeededRandom): TopicSpec {
  return random.int(8) === 0 && ctx.keepBudget > 0 ? KEEP_TOPIC : ctx.fill;
}

/** A thrown error (dead socket, client giving up): cut while killing, else unclean. */
function failedOperation(ctx: LoadContext, what: string, error: unknown): void {
  if (ctx.killing) ctx.cut++;
  else ctx.refusals.problem(`${what}: ${(error as Error).message}`);
}

async function httpOperation(
  ctx: LoadContext,
  kind: RefusalKind,
  api: 'v1' | 'tutorial',
  send: () => Promise<HttpAnswer>,
  // biome-ignore lint/suspicious/noExplicitAny: the answer's body as parsed; each caller reads its own fields.
  acknowledge: (body: any) => void,
): Promise<void> {
  let answer: HttpAnswer;
  try {
    answer = await send();
  } catch (error) {
    return failedOperation(ctx, kind, error);
  }
  if (answer.status === 200) return acknowledge(answer.body);
  if (ctx.killing && answer.status === 503) return void ctx.cut++; // the broker stopping or starting
  ctx.refusals.http(kind, answer, api, ctx.hidden);
  await sleep(20);
}

export async function produceV1Batch(ctx: LoadContext, worker: number, random: SeededRandom): Promise<void> {
  const topic = chooseTopic(ctx, random);
  const ledger = ctx.ledgers.of(topic.name);
  const base64 = random.int(2) === 0;
  const records: SentRecord[] = [];
  const json: Record<string, unknown>[] = [];
  for (let i = 1 + random.int(30); i > 0; i--) {
    const mode = random.int(3); // 0: explicit partition, 1: keyed, 2: neither
    const key = mode !== 1 ? null : base64 ? random.bytes(1 + random.int(16)) : Buffer.from(randomText(random, 8));
    const text = base64 ? undefined : randomText(random, 5 + random.int(200));
    const record = ledger.record('v1-batch', worker, topic.name, random, { key, text });
    records.push(record);
    const encode = (bytes: Buffer): string => bytes.toString(base64 ? 'base64' : 'utf8');
    json.push({
      value: encode(record.value),
      ...(key === null ? {} : { key: encode(key) }),
      ...(mode === 0 ? { partition: random.int(topic.partitions) } : {}),
    });
  }
  if (topic === KEEP_TOPIC) ctx.keepBudget -= records.reduce((sum, r) => sum + r.value.length, 0);
  const body = { encoding: base64 ? 'base64' : 'utf8', records: json };
  await httpOperation(
    ctx,
    'v1-produce',
    'v1',
    () => request(ctx.url, 'POST', `/v1/topics/${topic.name}/records`, body),
    (answer: { records: { partition: number; offset: number }[] }) => {
      for (const [i, record] of records.entries()) {
        ledger.acknowledge(record, answer.records[i]!.partition, answer.records[i]!.offset);
      }
    },
  );
}

export async function produceTutorial(ctx: LoadContext, random: SeededRandom): Promise<void> {
  const topic = chooseTopic(ctx, random);
  const ledger = ctx.ledgers.of(topic.name);
  const key = random.int(2) === 0 ? `k${randomText(random, 6)}` : undefined;
  const record = ledger.record('tutorial', 0, topic.name, random, {
    text: randomText(random, 5 + random.int(100)),
    key: key === undefined ? null : Buffer.from(key),
  });
  if (topic === KEEP_TOPIC) ctx.keepBudget -= record.value.length;
  const query = `message=${encodeURIComponent(record.value.toString('utf8'))}${key === undefined ? '' : `&key=${encodeURIComponent(key)}`}`;
  await httpOperation(
    ctx,
    'tutorial-produce',
    'tutorial',
    () => request(ctx.url, 'POST', `/topics/${topic.name}/messages?${query}`),
    (answer: { partition_id: number; message_offset: number }) =>
      ledger.acknowledge(record, answer.partition_id, answer.message_offset),
  );
}

/** An HTTP group member on the kept topic: joins when it has to, reads, checks, commits past what it read. */
export class DiskHttpMember {
  consumed = 0;
  mismatches = 0;
  private generationId: number | undefined;
  private readonly positions = new Map<number, number>();
  /** Whether it read past its last commit. */
  private moved = false;

  /** Forgets its membership (the broker restarted): the next step joins again. */
  reset(): void {
    this.generationId = undefined;
  }

  private async join(ctx: LoadContext): Promise<number> {
    if (this.generationId === undefined) {
      const joined = await request(ctx.url, 'POST', `/v1/groups/${HTTP_GROUP}/members`, {
        topics: [KEEP_TOPIC.name],
        memberId: MEMBER_ID,
        sessionTimeoutMs: 60_000,
      });
      if (joined.status !== 200) throw new Error(`join answered ${joined.status} ${joined.text.slice(0, 200)}`);
      this.generationId = joined.body.generationId as number;
    }
    return this.generationId;
  }

  async step(ctx: LoadContext): Promise<void> {
    let read: HttpAnswer;
    try {
      const generationId = await this.join(ctx);
      const query = `maxRecords=200&waitMs=50&encoding=base64&generationId=${generationId}`;
      read = await request(ctx.url, 'GET', `/v1/groups/${HTTP_GROUP}/members/${MEMBER_ID}/records?${query}`);
      if (read.status !== 200) throw new Error(`member read answered ${read.status} ${read.text.slice(0, 200)}`);
    } catch (error) {
      return failedOperation(ctx, 'HTTP member', error);
    }
    if (read.body.rebalanceRequired) this.generationId = undefined;
    const ledger = ctx.ledgers.of(KEEP_TOPIC.name);
    for (const json of read.body.records as (RecordJson & { partition: number })[]) {
      const stored = storedRecord(json);
      const sent = ledger.lookup(stored.value);
      if (sent === undefined || !Ledger.same(sent, stored.key, stored.value)) {
        this.mismatches++;
        ctx.refusals.problem(`${HTTP_GROUP} read keep-${json.partition}@${json.offset}: not what was sent`);
      }
      this.consumed++;
      this.positions.set(json.partition, json.offset + 1);
      this.moved = true;
    }
    if (this.moved) await this.commit(ctx);
    else await sleep(20);
  }

  /**
   * Commits the positions read so far (with `again`, even when they were committed already:
   * partition 0 at 0 when nothing was read); resolves to whether the broker took it.
   */
  async commit(ctx: LoadContext, again = false): Promise<boolean> {
    if (!this.moved && !again) return false;
    let generationId: number;
    try {
      generationId = await this.join(ctx);
    } catch (error) {
      failedOperation(ctx, 'HTTP member', error);
      return false;
    }
    const positions = this.positions.size > 0 ? [...this.positions] : [[0, 0] as const];
    const offsets = positions.map(([partition, offset]) => ({ topic: KEEP_TOPIC.name, partition, offset }));
    const body = { memberId: MEMBER_ID, generationId, offsets };
    let acknowledged = false;
    await httpOperation(
      ctx,
      'v1-commit',
      'v1',
      () => request(ctx.url, 'POST', `/v1/groups/${HTTP_GROUP}/offsets`, body),
      () => {
        acknowledged = true;
        this.moved = false;
        for (const { partition, offset } of offsets) {
          ctx.ledgers.of(KEEP_TOPIC.name).commit(HTTP_GROUP, KEEP_TOPIC.name, partition, offset);
        }
      },
    );
    return acknowledged;
  }
}
