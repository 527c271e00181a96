/**
 * The data every corruption case starts from: a broker child process (flush `always`, 16 KiB
 * segments, so each partition has closed segments and a tail) on a fresh data directory,
 * two topics, known records and known commits, then the broker stopped cleanly (SIGTERM,
 * which flushes and closes the logs) or not (SIGKILL).
 *
 * - `victim`, 2 partitions, and `bystander`, 1: victim-0 gets `batches` /v1 produce requests
 *   of 10 records (one stored batch each), the others a third of that, with seeded random
 *   bytes as values (60–140 bytes) and `k-<topic>-<partition>-<i>` as keys, base64 on the
 *   wire. Damage goes to victim-0 only; victim-1 and bystander-0 must stay whole.
 * - Commits, one /v1 request (one offsets-store batch) each, in this order:
 *   g-a victim-0 at 10, g-b victim-0 at 20, g-a victim-0 at 50, g-b victim-0 at 60,
 *   g-c victim-1 at 30, g-c bystander-0 at 40, g-d victim-0 at its log end - 5 (a group
 *   that has read nearly everything: a commit inside the last batch).
 *
 * Everything acknowledged is kept in the fixture: what a read must return afterwards, and
 * victim-0's record timestamps (read back before the stop), for seeks by time.
 * `FixtureTemplates` makes one fixture per way of stopping and hands each case a copy of its
 * data directory (the files as the stopped broker left them), so the cases of a run start
 * from the same records without producing them again.
 */
import { cp } from 'node:fs/promises';
import { SeededRandom } from '@mini-kafka/testing';
import type { Brokers, LaunchedBroker } from '../support/brokers.js';
import { call } from '../support/json-call.js';

export const VICTIM = 'victim';
export const BYSTANDER = 'bystander';
/** The partitions of the fixture as `topic/partition`; the first is the one a case damages. */
export const PARTITIONS = [`${VICTIM}/0`, `${VICTIM}/1`, `${BYSTANDER}/0`] as const;
export type PartitionName = (typeof PARTITIONS)[number];
export const DAMAGED_PARTITION: PartitionName = `${VICTIM}/0`;
export const SEGMENT_BYTES = 16 * 1024;
export const RECORDS_PER_BATCH = 10;

export const BROKER_ARGS = [
  '--flush',
  'always',
  '--segment-bytes',
  String(SEGMENT_BYTES),
  '--retention-ms',
  '-1',
  '--group-initial-rebalance-delay-ms',
  '0',
];

export type Stop = 'clean' | 'unclean';

/** A record as produced: base64 key and value, as the /v1 API carries them with `encoding=base64`. */
export interface SentRecord {
  key: string;
  value: string;
}

export interface Commit {
  group: string;
  topic: string;
  partition: number;
  offset: number;
}

export const GROUPS = ['g-a', 'g-b', 'g-c', 'g-d'] as const;

/** The commits, in the order they are made, for a victim-0 that ends at `victimEnd`. */
export function fixtureCommits(victimEnd: number): Commit[] {
  return [
    { group: 'g-a', topic: VICTIM, partition: 0, offset: 10 },
    { group: 'g-b', topic: VICTIM, partition: 0, offset: 20 },
    { group: 'g-a', topic: VICTIM, partition: 0, offset: 50 },
    { group: 'g-b', topic: VICTIM, partition: 0, offset: 60 },
    { group: 'g-c', topic: VICTIM, partition: 1, offset: 30 },
    { group: 'g-c', topic: BYSTANDER, partition: 0, offset: 40 },
    { group: 'g-d', topic: VICTIM, partition: 0, offset: victimEnd - 5 },
  ];
}

/** The committed offsets the commits leave, as `group topic/partition` → offset (the last commit wins). */
export function committedBy(commits: readonly Commit[]): Map<string, number> {
  return new Map(commits.map(({ group, topic, partition, offset }) => [`${group} ${topic}/${partition}`, offset]));
}

export interface Fixture {
  dataDir: string;
  /** Per partition, the acknowledged records by offset (offsets from 0, no gaps). */
  records: Map<PartitionName, SentRecord[]>;
  commits: readonly Commit[];
  /** victim-0's record timestamps by offset, as stored. */
  timestamps: number[];
  /** How the broker was stopped, and the log lines of its run. */
  stop: Stop;
  lines: LaunchedBroker['lines'];
}

const toBase64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** Produces `count` batches of 10 records to `topic`/`partition`, one request each, adding them to `into`. */
async function produce(
  url: string,
  topic: string,
  partition: number,
  count: number,
  random: SeededRandom,
  into: SentRecord[],
): Promise<void> {
  for (let batch = 0; batch < count; batch++) {
    const records = Array.from({ length: RECORDS_PER_BATCH }, (_, i) => ({
      partition,
      key: toBase64(`k-${topic}-${partition}-${into.length + i}`),
      value: random.bytes(60 + random.int(81)).toString('base64'),
    }));
    const { status, body } = await call(url, 'POST', `/v1/topics/${topic}/records`, { encoding: 'base64', records });
    if (status !== 200) throw new Error(`producing to ${topic}-${partition} answered ${status}`);
    const offsets = (body.records as { offset: number }[]).map((record) => record.offset);
    if (offsets[0] !== into.length || offsets.some((offset, i) => offset !== into.length + i)) {
      throw new Error(`producing to ${topic}-${partition} got offsets ${offsets.join(',')} after ${into.length}`);
    }
    into.push(...records.map(({ key, value }) => ({ key, value })));
  }
}

/** A broker on a fresh data directory with the fixture's topics, records and commits, stopped as `stop` says. */
export async function prepareFixture(
  brokers: Brokers,
  { stop, batches, random }: { stop: Stop; batches: number; random: SeededRandom },
): Promise<Fixture> {
  const dataDir = await brokers.dataDir();
  const broker = brokers.launch(dataDir, BROKER_ARGS);
  const url = String((await broker.logged('broker ready')).url);
  for (const [name, partitions] of [
    [VICTIM, 2],
    [BYSTANDER, 1],
  ] as const) {
    const created = await call(url, 'POST', '/v1/topics', { name, partitions });
    if (created.status !== 201) throw new Error(`creating ${name} answered ${created.status}`);
  }
  const records = new Map<PartitionName, SentRecord[]>();
  for (const name of PARTITIONS) {
    const [topic, partition] = name.split('/') as [string, string];
    const sent: SentRecord[] = [];
    // Only the damaged partition needs closed segments and a long tail.
    await produce(
      url,
      topic,
      Number(partition),
      name === DAMAGED_PARTITION ? batches : Math.ceil(batches / 3),
      random,
      sent,
    );
    records.set(name, sent);
  }
  const commits = fixtureCommits(records.get(DAMAGED_PARTITION)!.length);
  for (const { group, topic, partition, offset } of commits) {
    const committed = await call(url, 'POST', `/v1/groups/${group}/offsets`, {
      offsets: [{ topic, partition, offset }],
    });
    if (committed.status !== 200) throw new Error(`committing for ${group} answered ${committed.status}`);
  }
  const timestamps = await timestampsOf(url, records.get(DAMAGED_PARTITION)!.length);
  broker.child.kill(stop === 'clean' ? 'SIGTERM' : 'SIGKILL');
  const code = await broker.exited;
  if (stop === 'clean' && code !== 0) throw new Error(`the broker exited with ${code} after SIGTERM`);
  return { dataDir, records, commits, timestamps, stop, lines: broker.lines };
}

/** victim-0's record timestamps, offsets 0 to `end` - 1. */
async function timestampsOf(url: string, end: number): Promise<number[]> {
  const timestamps: number[] = [];
  while (timestamps.length < end) {
    const path = `/v1/topics/${VICTIM}/partitions/0/records?offset=${timestamps.length}&maxRecords=500`;
    const { status, body } = await call(url, 'GET', path);
    if (status !== 200 || body.records.length === 0) throw new Error(`reading ${VICTIM}-0 back answered ${status}`);
    timestamps.push(...(body.records as { timestamp: number }[]).map((record) => record.timestamp));
  }
  return timestamps;
}

/** One fixture per way of stopping, made on first use; each case gets a copy of its data directory. */
export class FixtureTemplates {
  private readonly made = new Map<Stop, Promise<Fixture>>();

  /**
   * @param brokers makes and removes the templates' directories (and the brokers that fill them).
   * @param seed the run's seed: the records' bytes.
   */
  constructor(
    private readonly brokers: Brokers,
    private readonly seed: number,
    private readonly batches: number,
  ) {}

  private template(stop: Stop): Promise<Fixture> {
    let made = this.made.get(stop);
    if (made === undefined) {
      const random = SeededRandom.derive(this.seed, `corruption-fixture:${stop}`);
      made = prepareFixture(this.brokers, { stop, batches: this.batches, random });
      this.made.set(stop, made);
    }
    return made;
  }

  /** A copy of the `stop` fixture in `dataDir` (a fresh, empty directory). */
  async copy(stop: Stop, dataDir: string): Promise<Fixture> {
    const template = await this.template(stop);
    await cp(template.dataDir, dataDir, { recursive: true });
    return { ...template, dataDir };
  }
}
