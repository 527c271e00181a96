/**
 * The disk-full scenario once space came back, with no restart in between: everything the
 * full disk refused must work again, each checked by its client's own success.
 * - produce: /v1 to every partition of the kept and the new fill topic (the partitions that
 *   failed take appends again), a /v1 batch, the tutorial route, kafkajs plain and idempotent;
 * - a new idempotent producer starts (InitProducerId);
 * - the topics refused while full are created under the same names (nothing left behind
 *   stands in the way): /v1, the tutorial route, auto-creation on produce, kafkajs
 *   CreateTopics;
 * - commits: the HTTP member's and the kafkajs group's.
 * A failure is a problem naming the operation. Records acknowledged here go to the ledger and
 * are checked with the rest.
 */
import type { TopicSpec } from './crash-verify.js';
import { KEEP_TOPIC, produceTutorial, produceV1Batch } from './disk-full-load.js';
import { type ProbeEnv, refusedTopicNames } from './disk-full-probes.js';
import { request } from './disk-full-refusals.js';
import type { RecordKind } from './ledger.js';

/** Runs `operation` and fails unless it added acknowledged records of `kind`. */
async function acknowledges(env: ProbeEnv, what: string, kind: RecordKind, operation: () => Promise<unknown>) {
  const before = env.ctx.ledgers.ackedByKind()[kind];
  await operation();
  if (env.ctx.ledgers.ackedByKind()[kind] <= before)
    env.ctx.refusals.problem(`after space came back: ${what} not acknowledged`);
}

/** Checks everything works again; resolves to the topics it created (to check, then delete). */
export async function checkRecovery(env: ProbeEnv, cycle: number): Promise<TopicSpec[]> {
  const { ctx, kafkajs, member, random } = env;
  const problem = (text: string): void => ctx.refusals.problem(`after space came back: ${text}`);

  for (const topic of [KEEP_TOPIC, ctx.fill]) {
    const ledger = ctx.ledgers.of(topic.name);
    for (let partition = 0; partition < topic.partitions; partition++) {
      const record = ledger.record('v1-batch', 8, topic.name, random, { text: `after-${cycle}` });
      const body = { records: [{ value: record.value.toString('utf8'), partition }] };
      const answer = await request(ctx.url, 'POST', `/v1/topics/${topic.name}/records`, body);
      if (answer.status === 200) ledger.acknowledge(record, partition, answer.body.records[0].offset);
      else problem(`produce to ${topic.name}-${partition} answered ${answer.status} ${answer.text.slice(0, 200)}`);
    }
  }
  await acknowledges(env, '/v1 batch', 'v1-batch', () => produceV1Batch(ctx, 1, random));
  await acknowledges(env, 'tutorial produce', 'tutorial', () => produceTutorial(ctx, random));
  await acknowledges(env, 'kafkajs send', 'kafkajs', () => kafkajs.send('kafkajs', random));
  await acknowledges(env, 'kafkajs idempotent send', 'kafkajs-idempotent', () =>
    kafkajs.send('kafkajs-idempotent', random),
  );
  const initError = await kafkajs.connectNewIdempotent();
  if (initError !== undefined) problem(`a new idempotent producer: ${(initError as Error).message}`);

  const names = refusedTopicNames(cycle);
  const created: TopicSpec[] = [];
  const v1 = await request(ctx.url, 'POST', '/v1/topics', { name: names.v1, partitions: 2 });
  if (v1.status === 201) created.push({ name: names.v1, partitions: 2 });
  else problem(`POST /v1/topics answered ${v1.status} ${v1.text.slice(0, 200)}`);
  const tutorial = await request(ctx.url, 'POST', `/topics/${names.tutorial}/create?num_partitions=2`);
  if (tutorial.status === 200 && tutorial.body.created === true) created.push({ name: names.tutorial, partitions: 2 });
  else problem(`the tutorial create answered ${tutorial.status} ${tutorial.text.slice(0, 200)}`);
  const autoLedger = ctx.ledgers.of(names.auto);
  const record = autoLedger.record('v1-batch', 8, names.auto, random, { text: 'auto-created' });
  const auto = await request(ctx.url, 'POST', `/v1/topics/${names.auto}/records`, {
    records: [{ value: record.value.toString('utf8') }],
  });
  if (auto.status === 200) {
    autoLedger.acknowledge(record, auto.body.records[0].partition, auto.body.records[0].offset);
    const described = await request(ctx.url, 'GET', `/v1/topics/${names.auto}`);
    created.push({ name: names.auto, partitions: described.body.partitionDetails.length });
  } else {
    problem(`auto-creating produce answered ${auto.status} ${auto.text.slice(0, 200)}`);
  }
  try {
    if (await kafkajs.admin.createTopics({ topics: [{ topic: names.kafka, numPartitions: 2 }] })) {
      created.push({ name: names.kafka, partitions: 2 });
    } else {
      problem(`kafkajs CreateTopics of ${names.kafka}: it already existed`);
    }
  } catch (error) {
    problem(`kafkajs CreateTopics: ${(error as Error).message}`);
  }

  if (!(await member.commit(ctx, true))) problem('the HTTP member could not commit');
  if (!(await kafkajs.commitAgain())) problem('the kafkajs group could not commit');
  return created;
}
