/**
 * The crash harness: a broker child process (flush `always`) on one data directory, under
 * mixed load, SIGKILLed at a random moment of each cycle, restarted and checked.
 *
 * Each cycle: open the load against the running broker for 0.5–3 s (drawn from the seed),
 * SIGKILL the broker, start a new one on the same directory, point the Kafka proxy at it,
 * let the operations in flight settle (kafkajs resends across the restart), then read
 * every partition back and hold it against every acknowledgement so far (crash-verify.ts).
 * The load (all at once): two /v1 batch producers, the tutorial producer, kafkajs producers
 * with acks -1 (plain and idempotent) through a DroppingProxy that drops nothing and is
 * retargeted after each restart, an HTTP group member and a kafkajs group, both committing.
 * The seed replays the schedule and the bytes, not the interleaving of a real machine.
 * A cycle whose check fails ends the run; the summary says so.
 */
import { SeededRandom } from '@mini-kafka/testing';
import { Brokers, type SpawnedBroker } from '../support/brokers.js';
import { DroppingProxy } from '../support/dropping-proxy.js';
import { call } from '../support/json-call.js';
import { failed, type TopicSpec, type Verification, verifyBroker } from './crash-verify.js';
import { HttpMember, produceTutorial, produceV1Batch } from './http-load.js';
import { KafkajsLoad } from './kafkajs-load.js';
import { Ledger, RECORD_KINDS, type RecordKind } from './ledger.js';
import { LoadGate } from './load-gate.js';

export const CRASH_TOPICS: readonly TopicSpec[] = [
  { name: 'orders', partitions: 3 },
  { name: 'audit', partitions: 1 },
];
const BROKER_ARGS = ['--flush', 'always', '--group-initial-rebalance-delay-ms', '0'];
const HTTP_GROUP = 'crash-http';
const KAFKAJS_GROUP = 'crash-kafkajs';

export interface CrashOptions {
  cycles: number;
  seed: number;
  /** Load before each kill: drawn from [minLoadMs, maxLoadMs]. */
  minLoadMs?: number;
  maxLoadMs?: number;
  log?: (line: string) => void;
}

export interface CrashSummary {
  seed: number;
  /** Cycles asked for, and cycles run (fewer when a check failed). */
  cycles: number;
  cyclesRun: number;
  kills: number;
  /** Acknowledged records by producer kind. */
  acknowledged: Record<RecordKind, number>;
  /** Acknowledged records checked at their offsets, over all restarts (each restart checks them all again). */
  recordsChecked: number;
  losses: number;
  gaps: number;
  corrupt: number;
  /** Extra copies in the log at the last check, by producer kind. */
  duplicates: Record<RecordKind, number>;
  storedUnacknowledged: number;
  /** Acknowledged commits by group (each partition counted). */
  commitsAcknowledged: Record<string, number>;
  /** Last acknowledged commits checked, over all restarts. */
  commitsChecked: number;
  commitsBehind: number;
  consumed: { http: number; kafkajs: number };
  consumerMismatches: number;
  /** Operations that got no acknowledgement (expected around a kill), by worker. */
  failedOperations: Record<string, number>;
  seconds: number;
  problems: string[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function kafkaTarget(bootstrap: string): { host: string; port: number } {
  return { host: '127.0.0.1', port: Number(bootstrap.slice(bootstrap.lastIndexOf(':') + 1)) };
}

export async function runCrashCycles(options: CrashOptions): Promise<CrashSummary> {
  const { cycles, seed, minLoadMs = 500, maxLoadMs = 3000, log = () => undefined } = options;
  const started = Date.now();
  const schedule = SeededRandom.derive(seed, 'crash-schedule');
  const brokers = new Brokers();
  const ledger = new Ledger();
  const problems: string[] = [];
  const gate = new LoadGate();
  let proxy: DroppingProxy | undefined;
  let kafkajs: KafkajsLoad | undefined;
  let member: HttpMember | undefined;
  let last: Verification | undefined;
  const totals = { cyclesRun: 0, kills: 0, recordsChecked: 0, commitsChecked: 0 };
  try {
    const dataDir = await brokers.dataDir();
    let broker: SpawnedBroker = await brokers.spawn(dataDir, BROKER_ARGS);
    for (const topic of CRASH_TOPICS) {
      const created = await call(broker.url, 'POST', '/v1/topics', topic);
      if (created.status !== 201) throw new Error(`creating ${topic.name} answered ${created.status}`);
    }
    proxy = await DroppingProxy.start({ target: kafkaTarget(broker.kafkaBootstrap), dropProduceResponse: () => false });
    kafkajs = new KafkajsLoad(proxy.bootstrap, ledger, CRASH_TOPICS, KAFKAJS_GROUP, problems);
    await kafkajs.connect();
    member = new HttpMember(ledger, HTTP_GROUP, 'crash-member', CRASH_TOPICS, problems);
    const random = (label: string): SeededRandom => SeededRandom.derive(seed, label);
    for (const worker of [0, 1]) {
      const r = random(`v1-${worker}`);
      gate.loop(`v1-batch#${worker}`, (url) => produceV1Batch(url, ledger, CRASH_TOPICS, worker, r));
    }
    const tutorial = random('tutorial');
    gate.loop('tutorial', (url) => produceTutorial(url, ledger, CRASH_TOPICS, tutorial));
    for (const kind of ['kafkajs', 'kafkajs-idempotent'] as const) {
      const r = random(kind);
      gate.loop(kind, () => kafkajs!.send(kind, r));
    }
    gate.loop('http member', (url) => member!.step(url));

    for (let cycle = 1; cycle <= cycles; cycle++) {
      const loadMs = minLoadMs + schedule.int(maxLoadMs - minLoadMs + 1);
      const before = ledger.acks.length;
      gate.resume(broker.url);
      await sleep(loadMs);
      broker.child.kill('SIGKILL');
      const settled = gate.pause();
      await broker.exited;
      totals.kills++;
      const restartStarted = Date.now();
      broker = await brokers.spawn(dataDir, BROKER_ARGS);
      proxy.retarget(kafkaTarget(broker.kafkaBootstrap));
      const restartMs = Date.now() - restartStarted;
      await settled;
      last = await verifyBroker(broker.url, CRASH_TOPICS, ledger);
      totals.cyclesRun++;
      totals.recordsChecked += last.acknowledgedChecked;
      totals.commitsChecked += last.commitsChecked;
      problems.push(...last.problems);
      log(
        `cycle ${cycle}/${cycles}: load ${loadMs} ms, +${ledger.acks.length - before} acks, restart ${restartMs} ms, ` +
          `checked ${last.acknowledgedChecked} (lost ${last.losses}, gaps ${last.gaps}, corrupt ${last.corrupt}, ` +
          `duplicates ${sumOf(last.duplicates)}), commits ${last.commitsChecked} (behind ${last.commitsBehind})`,
      );
      if (failed(last)) {
        log(`cycle ${cycle} failed its check: stopping (seed ${seed})`);
        break;
      }
    }
  } finally {
    await gate.stop();
    await kafkajs?.disconnect().catch(() => undefined);
    await proxy?.close();
    await brokers.cleanup();
  }
  const zero = Object.fromEntries(RECORD_KINDS.map((kind) => [kind, 0])) as Record<RecordKind, number>;
  return {
    seed,
    cycles,
    cyclesRun: totals.cyclesRun,
    kills: totals.kills,
    acknowledged: ledger.ackedByKind(),
    recordsChecked: totals.recordsChecked,
    losses: last?.losses ?? 0,
    gaps: last?.gaps ?? 0,
    corrupt: last?.corrupt ?? 0,
    duplicates: last?.duplicates ?? zero,
    storedUnacknowledged: last?.storedUnacknowledged ?? 0,
    commitsAcknowledged: ledger.commitAcks,
    commitsChecked: totals.commitsChecked,
    commitsBehind: last?.commitsBehind ?? 0,
    consumed: { http: member?.consumed ?? 0, kafkajs: kafkajs?.consumed ?? 0 },
    consumerMismatches: (member?.mismatches ?? 0) + (kafkajs?.mismatches ?? 0),
    failedOperations: Object.fromEntries(gate.failures),
    seconds: Math.round((Date.now() - started) / 1000),
    problems,
  };
}

function sumOf(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

const count = (n: number): string => n.toLocaleString('en-US');
const byKind = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([kind, n]) => `${kind} ${count(n)}`)
    .join(', ');

/** The run in a few lines: what the README's Reliability section quotes. */
export function formatCrashSummary(summary: CrashSummary): string {
  return [
    `crash cycles (seed ${summary.seed}): ${summary.cyclesRun} of ${summary.cycles} cycles, ${summary.kills} kills, ` +
      `${count(summary.recordsChecked)} acknowledged records checked, ${summary.losses} losses, ` +
      `${summary.gaps} gaps, ${summary.corrupt} corrupt, in ${summary.seconds} s`,
    `  acknowledged: ${byKind(summary.acknowledged)} (${count(sumOf(summary.acknowledged))} in all)`,
    `  duplicates: ${byKind(summary.duplicates)}; stored but never acknowledged: ${count(summary.storedUnacknowledged)}`,
    `  commits acknowledged: ${byKind(summary.commitsAcknowledged)}; ${count(summary.commitsChecked)} checked, ` +
      `${summary.commitsBehind} behind; consumed: HTTP member ${count(summary.consumed.http)}, ` +
      `kafkajs group ${count(summary.consumed.kafkajs)}, ${summary.consumerMismatches} not what was sent`,
    `  unacknowledged operations (cut by a kill): ${byKind(summary.failedOperations) || 'none'}`,
  ].join('\n');
}
