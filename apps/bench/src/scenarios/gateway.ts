/**
 * The gateway's cost: the /v1 JSON API served by `serve --backend kafka` over a cluster (a
 * second Mini Kafka broker, reached through its Kafka port) next to the same API served by
 * a broker with local storage, in the same round. Throughput runs the v1-json scenario's
 * three phases (POST 1,000 records 4 in flight, partition GET, member GET + commit)
 * through the gateway; v1-json's own figures are the direct ones. The hop's latency: one
 * record POSTed at a time, then one record read at a time, against each, after a warm-up;
 * p50 and p99 of each, so the extra hop shows as a difference measured side by side.
 */

import { summarizeLatencies } from '../core/stats.js';
import { createTopic } from '../load/fill.js';
import type { HttpClient } from '../load/http-client.js';
import { consumeV1Partition, produceV1 } from '../load/v1-load.js';
import { type RunningBroker, startBroker } from '../procs/broker-process.js';
import { measure } from './measure.js';
import type { Scenario, ScenarioContext } from './scenario.js';
import { consumeAsMember } from './v1-json.js';

const HOP_WARMUP = 200;

/** Sequential one-record POSTs, then sequential one-record GETs of them: each request's ms. */
async function hopLatencies(http: HttpClient, topic: string, value: string, count: number) {
  const produce: number[] = [];
  const read: number[] = [];
  const body = { records: [{ value }] };
  for (let i = 0; i < HOP_WARMUP + count; i++) {
    const start = performance.now();
    await http.json('POST', `/v1/topics/${topic}/records`, body);
    if (i >= HOP_WARMUP) produce.push(performance.now() - start);
  }
  for (let offset = 0; offset < HOP_WARMUP + count; offset++) {
    const start = performance.now();
    const answer = await http.getJson<{ records: unknown[] }>(
      `/v1/topics/${topic}/partitions/0/records?offset=${offset}&maxRecords=1`,
    );
    if (answer.records.length !== 1) throw new Error(`offset ${offset} was not read back`);
    if (offset >= HOP_WARMUP) read.push(performance.now() - start);
  }
  return { produce: summarizeLatencies(produce), read: summarizeLatencies(read) };
}

function recordHop(ctx: ScenarioContext, key: string, hop: Awaited<ReturnType<typeof hopLatencies>>): void {
  ctx.results.record(`${key}.produce.p50.ms`, hop.produce.p50);
  ctx.results.record(`${key}.produce.p99.ms`, hop.produce.p99);
  ctx.results.record(`${key}.read.p50.ms`, hop.read.p50);
  ctx.results.record(`${key}.read.p99.ms`, hop.read.p99);
}

export const gateway: Scenario = {
  id: 'gateway',
  title: 'the /v1 API through a gateway over a Kafka-protocol cluster',
  needs: [],
  units: (plan) => 3 * plan.records + 2 * plan.hopRequests,
  async round(ctx) {
    const { plan, values } = ctx;
    const started: RunningBroker[] = [];
    try {
      const direct = await startBroker();
      started.push(direct);
      const cluster = await startBroker();
      started.push(cluster);
      const gatewayBroker = await startBroker(undefined, [
        '--backend',
        'kafka',
        '--bootstrap-servers',
        cluster.kafka,
        '--kafka-port',
        '-1',
      ]);
      started.push(gatewayBroker);
      const { http } = gatewayBroker;
      const skip = (): void => undefined;
      const produce = (topic: string): string => `/v1/topics/${topic}/records`;
      const read = (topic: string) => (offset: number) =>
        `/v1/topics/${topic}/partitions/0/records?offset=${offset}&maxRecords=${plan.batchRecords}`;
      for (const topic of ['warmup', 'bench', 'hop']) await createTopic(http, topic, 1);
      await createTopic(direct.http, 'hop', 1);
      await produceV1(http, produce('warmup'), plan, values, plan.warmupRecords, skip);
      await consumeV1Partition(http, read('warmup'), plan.warmupRecords, skip);
      await consumeAsMember(http, 'warmup', 'warmup', plan.batchRecords, plan.warmupRecords, skip);

      // The gateway's process is what the hop adds; the cluster's work is the direct broker's.
      const serverPid = gatewayBroker.child.pid;
      const { records } = plan;
      await measure(ctx, { key: 'gateway.produce', label: 'gateway POST', units: records, serverPid }, (progress) =>
        produceV1(http, produce('bench'), plan, values, records, progress),
      );
      await measure(ctx, { key: 'gateway.partition', label: 'gateway partition GET', units: records, serverPid }, (p) =>
        consumeV1Partition(http, read('bench'), records, p),
      );
      await measure(ctx, { key: 'gateway.member', label: 'gateway member GET', units: records, serverPid }, (p) =>
        consumeAsMember(http, 'bench', 'bench', plan.batchRecords, records, p),
      );
      ctx.bar.startPhase('hop latency, direct and through the gateway', 2 * plan.hopRequests);
      recordHop(ctx, 'gateway.hop.direct', await hopLatencies(direct.http, 'hop', values[0]!, plan.hopRequests));
      ctx.bar.update(plan.hopRequests);
      recordHop(ctx, 'gateway.hop.gateway', await hopLatencies(http, 'hop', values[0]!, plan.hopRequests));
      ctx.bar.update(2 * plan.hopRequests);
    } finally {
      for (const broker of started.reverse()) await broker.stop('kill');
    }
  },
};
