/** Every scenario of `pnpm bench`, in the order a round runs them (anchors first). */
import { bareHttp } from './bare-http.js';
import { bigReads } from './big-reads.js';
import { diskCeiling } from './disk-ceiling.js';
import { fetchCost } from './fetch-cost.js';
import { gateway } from './gateway.js';
import { kafkajs } from './kafkajs.js';
import { kcat } from './kcat.js';
import { latency } from './latency.js';
import { natsJetStream } from './nats-jetstream.js';
import { redisBenchmark } from './redis-benchmark.js';
import { redisStreams } from './redis-streams.js';
import type { Scenario } from './scenario.js';
import { sdk } from './sdk.js';
import { startup } from './startup.js';
import { v1Json } from './v1-json.js';

export const SCENARIOS: readonly Scenario[] = [
  redisStreams,
  redisBenchmark,
  natsJetStream,
  diskCeiling,
  bareHttp,
  v1Json,
  gateway,
  sdk,
  kcat,
  kafkajs,
  latency,
  startup,
  fetchCost,
  bigReads,
];

export const SCENARIO_IDS = SCENARIOS.map((scenario) => scenario.id);
