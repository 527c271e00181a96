/**
 * The disk-full scenario at the moment the disk is full, the load paused.
 * - `topOff`: tiny /v1 records to every partition, down to 16 bytes, until each refuses, so
 *   no page is left anywhere (a tmpfs hands out 4 KiB pages; a small append into a page a
 *   file already has can still pass after bigger ones were refused).
 * - `probeFull`: every kind of write, one after the other, must be refused cleanly
 *   (disk-full-refusals.ts): /v1 and tutorial produce, kafkajs produce (plain and
 *   idempotent), a new idempotent producer's InitProducerId (when it has to write), topic
 *   creation by /v1, the tutorial route, auto-creation on produce, kafkajs CreateTopics and a
 *   raw CreateTopics v5 (whose answer carries the broker's message), and commits over HTTP
 *   and by kafkajs. A refused creation leaves the data directory as it was and the topic
 *   unknown. A write the disk still had room for is acknowledged and kept in the ledger; a
 *   kind never refused in 50 tries is a problem. Reads keep serving meanwhile: /health, the
 *   topic list and records over HTTP, ListOffsets over Kafka.
 */
import { readdir } from 'node:fs/promises';
import { CreateTopics, decodeResponseFrame, encodeRequestFrame } from '@mini-kafka/kafka-protocol';
import type { SeededRandom } from '@mini-kafka/testing';
import { openKafkaSocket, roundTrip } from '../support/raw-kafka.js';
import type { TopicSpec } from './crash-verify.js';
import type { OfflinePartition } from './disk-full-broker.js';
import type { DiskKafkajs } from './disk-full-kafkajs.js';
import {
  type DiskHttpMember,
  KEEP_TOPIC,
  type LoadContext,
  produceTutorial,
  produceV1Batch,
} from './disk-full-load.js';
import { namesPath, request, uncleanHttpRefusal } from './disk-full-refusals.js';
import { randomText } from './ledger.js';

const TRIES = 50;

export interface ProbeEnv {
  ctx: LoadContext;
  kafkajs: DiskKafkajs;
  member: DiskHttpMember;
  dataDir: string;
  /** The broker's own Kafka port (not the proxy's), for raw frames. */
  kafkaPort: () => number;
  random: SeededRandom;
}

/** The names a cycle tries to create while the disk is full (and creates once it is not). */
export function refusedTopicNames(cycle: number): { v1: string; tutorial: string; auto: string; kafka: string } {
  return {
    v1: `refused-v1-${cycle}`,
    tutorial: `refused-tutorial-${cycle}`,
    auto: `refused-auto-${cycle}`,
    kafka: `refused-kafka-${cycle}`,
  };
}

/** Appends one record of about `size` bytes to `topic`-`partition`; resolves to whether it was acknowledged. */
async function appendOne(env: ProbeEnv, topic: TopicSpec, partition: number, size: number): Promise<boolean> {
  const { ctx, random } = env;
  const ledger = ctx.ledgers.of(topic.name);
  const record = ledger.record('v1-batch', 9, topic.name, random, { text: randomText(random, size) });
  const body = { records: [{ value: record.value.toString('utf8'), partition }] };
  const answer = await request(ctx.url, 'POST', `/v1/topics/${topic.name}/records`, body);
  if (answer.status === 200) {
    ledger.acknowledge(record, partition, answer.body.records[0].offset);
    return true;
  }
  ctx.refusals.http('v1-produce', answer, 'v1', ctx.hidden);
  return false;
}

/** Big /v1 records (16 KiB of text, 8 a request, round-robin) to `topic` until at most `freeBytes` are left; resolves to how many. */
export async function bulkFill(env: ProbeEnv, topic: TopicSpec, freeBytes: number, free: () => Promise<number>) {
  const { ctx, random } = env;
  const ledger = ctx.ledgers.of(topic.name);
  let acknowledged = 0;
  while ((await free()) > freeBytes) {
    const records = Array.from({ length: 8 }, () =>
      ledger.record('v1-batch', 7, topic.name, random, { text: randomText(random, 16 * 1024) }),
    );
    const body = { records: records.map((record) => ({ value: record.value.toString('utf8') })) };
    const answer = await request(ctx.url, 'POST', `/v1/topics/${topic.name}/records`, body);
    if (answer.status !== 200) {
      ctx.refusals.http('v1-produce', answer, 'v1', ctx.hidden);
      break;
    }
    for (const [i, record] of records.entries()) {
      ledger.acknowledge(record, answer.body.records[i].partition, answer.body.records[i].offset);
    }
    acknowledged += records.length;
  }
  return acknowledged;
}

export async function topOff(env: ProbeEnv, topics: readonly TopicSpec[]): Promise<number> {
  let acknowledged = 0;
  for (const topic of topics) {
    for (let partition = 0; partition < topic.partitions; partition++) {
      for (const size of [1024, 256, 64, 16]) {
        for (let i = 0; i < 4096 && (await appendOne(env, topic, partition, size)); i++) acknowledged++;
      }
    }
  }
  return acknowledged;
}

/** Runs `attempt` until the refusal tally of `kind` grows (a refusal), at most TRIES times. */
async function untilRefused(env: ProbeEnv, what: string, refusedSoFar: () => number, attempt: () => Promise<unknown>) {
  const before = refusedSoFar();
  const uncleanBefore = env.ctx.refusals.unclean;
  for (let i = 0; i < TRIES; i++) {
    await attempt();
    if (refusedSoFar() > before || env.ctx.refusals.unclean > uncleanBefore) return;
  }
  env.ctx.refusals.problem(`${what}: still acknowledged after ${TRIES} tries on a full disk`);
}

export async function probeFull(env: ProbeEnv, cycle: number): Promise<void> {
  const { ctx, kafkajs, member, random } = env;
  const counts = ctx.refusals.counts;
  await untilRefused(
    env,
    'v1 produce',
    () => counts['v1-produce'],
    () => produceV1Batch(ctx, 0, random),
  );
  await untilRefused(
    env,
    'tutorial produce',
    () => counts['tutorial-produce'],
    () => produceTutorial(ctx, random),
  );
  await untilRefused(
    env,
    'kafkajs produce',
    () => counts['kafkajs-produce'],
    () => kafkajs.send('kafkajs', random),
  );
  await untilRefused(
    env,
    'kafkajs idempotent produce',
    () => counts['kafkajs-idempotent-produce'],
    () => kafkajs.send('kafkajs-idempotent', random),
  );
  const initError = await kafkajs.connectNewIdempotent();
  if (initError !== undefined) ctx.refusals.kafkajs('init-producer-id', initError);

  await probeCreates(env, cycle);

  await untilRefused(
    env,
    'HTTP commit',
    () => counts['v1-commit'],
    () => member.commit(ctx, true),
  );
  await untilRefused(
    env,
    'kafkajs commit',
    () => counts['kafkajs-commit'],
    () => kafkajs.commitAgain(),
  );
  await checkReads(env);
}

/** Every way of creating a topic is refused, and leaves the data directory and the topic list as they were. */
async function probeCreates(env: ProbeEnv, cycle: number): Promise<void> {
  const { ctx, kafkajs, dataDir } = env;
  const names = refusedTopicNames(cycle);
  const before = (await readdir(dataDir)).sort();
  ctx.refusals.http(
    'v1-create',
    await request(ctx.url, 'POST', '/v1/topics', { name: names.v1, partitions: 2 }),
    'v1',
    ctx.hidden,
  );
  const tutorial = await request(ctx.url, 'POST', `/topics/${names.tutorial}/create?num_partitions=2`);
  ctx.refusals.http('tutorial-create', tutorial, 'tutorial', ctx.hidden);
  const auto = await request(ctx.url, 'POST', `/v1/topics/${names.auto}/records`, { records: [{ value: 'x' }] });
  ctx.refusals.http('auto-create', auto, 'v1', ctx.hidden);
  if (auto.status === 200) ctx.refusals.problem(`auto-create: ${names.auto} created on a full disk`);
  try {
    await kafkajs.admin.createTopics({ topics: [{ topic: names.kafka, numPartitions: 2 }] });
    ctx.refusals.problem(`kafka-create: kafkajs created ${names.kafka} on a full disk`);
  } catch (error) {
    ctx.refusals.kafkajs('kafka-create', error);
  }
  await rawCreateTopics(env, `${names.kafka}-raw`);
  const after = (await readdir(dataDir)).sort();
  if (after.join('/') !== before.join('/')) {
    ctx.refusals.problem(`refused creations left the data directory changed: [${before}] became [${after}]`);
  }
  const listed = await request(ctx.url, 'GET', '/v1/topics');
  const known = (listed.body?.topics ?? []).map((topic: { name: string }) => topic.name) as string[];
  const leaked = Object.values(names).filter((name) => known.includes(name) || known.includes(`${name}-raw`));
  if (listed.status !== 200 || leaked.length > 0) {
    ctx.refusals.problem(`topic list after refused creations: ${listed.status} [${leaked}]`);
  }
}

/** CreateTopics v5 in raw frames: error 56 for the topic, with the broker's message naming the cause and no path. */
async function rawCreateTopics(env: ProbeEnv, name: string): Promise<void> {
  const { ctx } = env;
  const socket = await openKafkaSocket(env.kafkaPort());
  try {
    const frame = encodeRequestFrame(
      CreateTopics,
      5,
      { correlationId: 1, clientId: 'disk-full-raw' },
      {
        topics: [{ name, numPartitions: 2, replicationFactor: 1, assignments: [], configs: [] }],
        timeoutMs: 1000,
        validateOnly: false,
      },
    );
    const { response } = decodeResponseFrame(CreateTopics, 5, await roundTrip(socket, frame));
    const result = response.topics[0];
    const message = result?.errorMessage ?? '';
    const answer = { status: result?.errorCode === 56 ? 507 : 0, text: message, body: { detail: message } };
    const why = uncleanHttpRefusal(answer, 'tutorial', ctx.hidden);
    if (why === undefined) ctx.refusals.clean('kafka-create');
    else ctx.refusals.problem(`raw CreateTopics: error ${result?.errorCode} "${message}"`);
  } finally {
    socket.destroy();
  }
}

/**
 * After a restart on the full disk: each partition the broker could not open answers a
 * produce and a read with KAFKA_STORAGE_ERROR (500 or 507) saying it is offline, naming no path.
 */
export async function probeOffline(env: ProbeEnv, offline: readonly OfflinePartition[]): Promise<void> {
  const { ctx } = env;
  for (const { topic, partition } of offline) {
    const base = `/v1/topics/${topic}/partitions/${partition}`;
    const answers = [
      await request(ctx.url, 'POST', `/v1/topics/${topic}/records`, { records: [{ value: 'x', partition }] }),
      await request(ctx.url, 'GET', `${base}/records?offset=0`),
    ];
    // Offline for want of space: 507 naming it. A probe may also be the request after which the
    // partition opened again (offline-reopen.ts): then a read serves and a produce is refused as
    // on any partition of the full disk.
    for (const [i, answer] of answers.entries()) {
      const error = answer.body?.error;
      const refused =
        answer.status === 507 && error?.name === 'KAFKA_STORAGE_ERROR' && !namesPath(answer.text, ctx.hidden);
      if (refused && /offline/.test(error.message)) ctx.refusals.clean('offline-partition');
      else if (refused || (i === 1 && answer.status === 200)) continue;
      else ctx.refusals.uncleanRefusal(`offline ${topic}-${partition}: ${answer.status} ${answer.text.slice(0, 300)}`);
    }
  }
}

/** Reads serve on a full disk: health, the topic list, every partition of the kept topic, ListOffsets. */
async function checkReads(env: ProbeEnv): Promise<void> {
  const { ctx, kafkajs } = env;
  const paths = ['/health', '/v1/topics', `/v1/topics/${KEEP_TOPIC.name}`];
  for (let partition = 0; partition < KEEP_TOPIC.partitions; partition++) {
    paths.push(`/v1/topics/${KEEP_TOPIC.name}/partitions/${partition}/records?offset=0&maxRecords=10`);
  }
  for (const path of paths) {
    const answer = await request(ctx.url, 'GET', path);
    if (answer.status !== 200) ctx.refusals.problem(`read on a full disk: GET ${path} answered ${answer.status}`);
  }
  try {
    const offsets = await kafkajs.admin.fetchTopicOffsets(KEEP_TOPIC.name);
    if (offsets.length !== KEEP_TOPIC.partitions) throw new Error(`${offsets.length} partitions`);
  } catch (error) {
    ctx.refusals.problem(`ListOffsets on a full disk: ${(error as Error).message}`);
  }
}
