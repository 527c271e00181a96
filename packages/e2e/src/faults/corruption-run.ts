/**
 * One corruption case, end to end, against real broker processes: the fixture (a copy of the
 * data a broker left after it acknowledged known records and commits and stopped as the case
 * says, corruption-fixture.ts), the case's
 * damage to the stopped data directory, `mini-kafka verify --json` on it, a new broker on
 * the same directory, and everything a user can then observe once its background scrub has
 * finished: its start-up and scrub lines, the topic
 * descriptions, every partition read over /v1 and over the Kafka protocol (consumer-style
 * walks for all, and a read at every single offset for victim-0), seeks by time, the
 * committed offsets, the copies in damaged/, and a produce to victim-0 read back. The
 * verdicts are corruption-checks.ts's; this module only gathers.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PartitionStatus } from '@mini-kafka/storage';
import { SeededRandom } from '@mini-kafka/testing';
import type { Brokers, LogLine } from '../support/brokers.js';
import { call } from '../support/json-call.js';
import { openKafkaSocket } from '../support/raw-kafka.js';
import type { CorruptionCase, Expectation } from './corruption-case.js';
import { type DamageDone, keptAside, partitionDir, segmentsIn } from './corruption-files.js';
import {
  BROKER_ARGS,
  DAMAGED_PARTITION,
  type Fixture,
  type FixtureTemplates,
  GROUPS,
  PARTITIONS,
  type PartitionName,
  RECORDS_PER_BATCH,
  VICTIM,
} from './corruption-fixture.js';
import {
  committedOffsets,
  describePartitions,
  runVerify,
  SCRUB_FINISHED,
  startupFindings,
  type VerifyRun,
} from './corruption-observe.js';
import { httpReader, KafkaConnection, kafkaReader, type PartitionRead, pointReads, walk } from './corruption-reads.js';

/** Stored batches per partition: 16 KiB segments hold about 12, so victim-0 has two closed segments and a tail. */
export const FIXTURE_BATCHES = 34;

export interface PartitionObservation {
  /** Its description, or `undefined` when the broker does not know it (404, or past the topic's partitions). */
  status: PartitionStatus | undefined;
  /** Consumer-style reads over /v1 and Kafka; for victim-0 also a read at every offset. */
  reads: { name: string; read: PartitionRead }[];
  /** The answer to a read at offset 0 when the partition is offline or unknown: HTTP status and error name, Kafka code. */
  refused?: { http: string; kafka: number };
}

export interface Observation {
  /** Warn and error lines before `broker ready`. */
  findings: LogLine[];
  verify: VerifyRun;
  partitions: Map<PartitionName, PartitionObservation>;
  /** Seeks by time on victim-0: timestamp, the offset the fixture says, the offset answered. */
  timeLookups: { timestamp: number; expected: number; answered: unknown }[];
  commits: Map<string, number>;
  /** Files in victim-0's damaged/ and in ~coordinator/damaged/. */
  kept: { partition: string[]; coordinator: string[] };
  /** The kept copies' bytes, by file name (victim-0's damaged/). */
  keptBytes: Map<string, Buffer>;
  produced: { status: number; offsets: number[]; readBack: boolean; detail: string };
}

export interface CaseRun {
  fixture: Fixture;
  done: DamageDone;
  expected: Expectation;
  observed: Observation;
  seconds: number;
}

/** Runs `testCase` on a copy of its fixture, with damage from `seed`; `brokers` is cleaned up by the caller. */
export async function runCase(
  brokers: Brokers,
  templates: FixtureTemplates,
  testCase: CorruptionCase,
  seed: number,
): Promise<CaseRun> {
  const started = Date.now();
  const random = SeededRandom.derive(seed, `corruption:${testCase.id}`);
  const fixture = await templates.copy(testCase.stop, await brokers.dataDir());
  const segments = await segmentsIn(partitionDir(fixture.dataDir, VICTIM, 0));
  const { done, expected } = await testCase.damage({ fixture, segments, random });
  const verify = await runVerify(fixture.dataDir);
  const broker = brokers.launch(fixture.dataDir, BROKER_ARGS);
  const ready = await broker.logged('broker ready');
  // What a user observes once the background scrub has looked at every partition.
  await broker.logged(SCRUB_FINISHED);
  const url = String(ready.url);
  const kafkaPort = Number(String(ready.kafka).slice(String(ready.kafka).lastIndexOf(':') + 1));
  const connection = new KafkaConnection(await openKafkaSocket(kafkaPort));
  try {
    const partitions = new Map<PartitionName, PartitionObservation>();
    for (const name of PARTITIONS) partitions.set(name, await observePartition(url, connection, fixture, name));
    const observed: Observation = {
      findings: startupFindings(broker.lines),
      verify,
      partitions,
      timeLookups: await seekByTime(url, fixture.timestamps),
      commits: await committedOffsets(url, GROUPS),
      kept: {
        partition: await keptAside(partitionDir(fixture.dataDir, VICTIM, 0)),
        coordinator: await keptAside(join(fixture.dataDir, '~coordinator')),
      },
      keptBytes: new Map(),
      produced: await produceAfter(url),
    };
    for (const name of observed.kept.partition) {
      const path = join(partitionDir(fixture.dataDir, VICTIM, 0), 'damaged', name);
      observed.keptBytes.set(name, await readFile(path));
    }
    return { fixture, done, expected, observed, seconds: (Date.now() - started) / 1000 };
  } finally {
    connection.close();
    broker.child.kill('SIGTERM');
    await broker.exited;
  }
}

async function observePartition(
  url: string,
  connection: KafkaConnection,
  fixture: Fixture,
  name: PartitionName,
): Promise<PartitionObservation> {
  const [topic, number] = name.split('/') as [string, string];
  const partition = Number(number);
  const status = (await describePartitions(url, topic))?.[partition];
  const expected = fixture.records.get(name)!;
  if (status === undefined || status.offline !== undefined) {
    const { status: http, body } = await call(
      url,
      'GET',
      `/v1/topics/${topic}/partitions/${partition}/records?offset=0`,
    );
    const page = await kafkaReader(connection, topic, partition, 4096)(0);
    const kafka = 'outcome' in page && page.outcome.startsWith('failed:code ') ? Number(page.outcome.slice(12)) : 0;
    return { status, reads: [], refused: { http: `${http} ${body?.error?.name ?? ''}`.trim(), kafka } };
  }
  const reads = [
    { name: 'http walk', read: await walk(httpReader(url, topic, partition, 100), expected, status) },
    { name: 'kafka walk', read: await walk(kafkaReader(connection, topic, partition, 64 * 1024), expected, status) },
  ];
  if (name === DAMAGED_PARTITION) {
    reads.push(
      { name: 'http point reads', read: await pointReads(httpReader(url, topic, partition, 1), expected, status) },
      {
        name: 'kafka point reads',
        read: await pointReads(kafkaReader(connection, topic, partition, 1), expected, status),
      },
    );
  }
  return { status, reads };
}

/** Seeks by time on victim-0 at the first timestamp of every batch. */
async function seekByTime(url: string, timestamps: readonly number[]): Promise<Observation['timeLookups']> {
  const lookups: Observation['timeLookups'] = [];
  for (let offset = 0; offset < timestamps.length; offset += RECORDS_PER_BATCH) {
    const timestamp = timestamps[offset]!;
    const expected = timestamps.findIndex((stored) => stored >= timestamp);
    const { status, body } = await call(url, 'GET', `/v1/topics/${VICTIM}/partitions/0/offsets?timestamp=${timestamp}`);
    lookups.push({ timestamp, expected, answered: status === 200 ? body.offset : `${status} ${body?.error?.name}` });
  }
  return lookups;
}

/** Produces 5 records to victim-0 after the restart and reads them back at the offsets answered. */
async function produceAfter(url: string): Promise<Observation['produced']> {
  const records = Array.from({ length: 5 }, (_, i) => ({ partition: 0, value: `after the restart ${i}` }));
  const { status, body } = await call(url, 'POST', `/v1/topics/${VICTIM}/records`, { records });
  if (status !== 200) return { status, offsets: [], readBack: false, detail: String(body?.error?.name ?? status) };
  const offsets = (body.records as { offset: number }[]).map((record) => record.offset);
  const read = await call(url, 'GET', `/v1/topics/${VICTIM}/partitions/0/records?offset=${offsets[0]}&maxRecords=5`);
  const values = read.status === 200 ? (read.body.records as { value: string }[]).map((record) => record.value) : [];
  const readBack = values.join('|') === records.map((record) => record.value).join('|');
  const partitions = (await describePartitions(url, VICTIM))?.length;
  return { status, offsets, readBack, detail: `topic ${VICTIM} has ${partitions} partitions after it` };
}
