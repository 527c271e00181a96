/**
 * librdkafka (Debian's python3-confluent-kafka) against the coordinator: static membership
 * (group.instance.id, KIP-345) and cooperative rebalancing (cooperative-sticky, KIP-429).
 * Each consumer is a process running rdkafka-group-consumer.py, which prints its group
 * events and records as JSON lines stamped with the wall clock. Skipped with a message when
 * the package is not installed (`apt-get install -y python3-confluent-kafka`).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { clientFeatures } from '../support/client-features.js';
import { eventually } from '../support/eventually.js';
import { call } from '../support/json-call.js';
import { confluentClientName, confluentSkipReason } from '../support/python-programs.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./rdkafka-group-consumer.py', import.meta.url));

function hasConfluentKafka(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import confluent_kafka'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const available = hasConfluentKafka();
if (!available) {
  console.warn(
    'python3-confluent-kafka is not installed: the librdkafka group tests are SKIPPED (apt-get install -y python3-confluent-kafka)',
  );
}

interface ConsumerEvent {
  event: 'started' | 'assigned' | 'revoked' | 'lost' | 'record' | 'error' | 'closed';
  t: number;
  partitions?: number[];
  partition?: number;
  offset?: number;
  value?: string;
  /** Which consumer printed it (added here). */
  who: string;
}

/** One consumer process; `events` fills as it prints. */
class RdkafkaConsumer {
  readonly events: ConsumerEvent[] = [];
  readonly child: ChildProcess;
  readonly exited: Promise<void>;

  constructor(
    readonly who: string,
    args: string[],
  ) {
    this.child = spawn(PYTHON, [SCRIPT, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      try {
        this.events.push({ ...(JSON.parse(line) as Omit<ConsumerEvent, 'who'>), who });
      } catch {
        // not an event line
      }
    });
  }

  of(kind: ConsumerEvent['event']): ConsumerEvent[] {
    return this.events.filter((e) => e.event === kind);
  }

  /** What it owns now, replaying its assign/revoke events (incremental under cooperative-sticky). */
  owned(eager: boolean): number[] {
    return [...replay(this.events, eager).entries()].filter(([, who]) => who === this.who).map(([p]) => p);
  }

  async stop(): Promise<void> {
    this.child.stdin?.end();
    await this.exited;
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

/**
 * Replays the events of several consumers in wall-clock order into partition -> owner.
 * Throws when a partition is assigned while another consumer still owns it.
 */
function replay(events: readonly ConsumerEvent[], eager: boolean): Map<number, string> {
  const owner = new Map<number, string>();
  for (const e of [...events].sort((a, b) => a.t - b.t)) {
    if (e.event === 'assigned') {
      if (eager) for (const [p, who] of owner) if (who === e.who) owner.delete(p);
      for (const p of e.partitions ?? []) {
        const current = owner.get(p);
        if (current !== undefined && current !== e.who)
          throw new Error(`partition ${p} given to ${e.who} while ${current} owns it`);
        owner.set(p, e.who);
      }
    } else if (e.event === 'revoked' || e.event === 'lost') {
      for (const p of e.partitions ?? []) if (owner.get(p) === e.who) owner.delete(p);
    } else if (e.event === 'closed') {
      for (const [p, who] of owner) if (who === e.who) owner.delete(p);
    }
  }
  return owner;
}

const brokers = new Brokers();
const feature = clientFeatures(confluentClientName, { missing: confluentSkipReason });
const running: RdkafkaConsumer[] = [];
afterEach(async () => {
  for (const consumer of running.splice(0)) await consumer.kill();
  await brokers.cleanup();
});

function consumer(who: string, bootstrap: string, strategy: string, instance?: string): RdkafkaConsumer {
  const args = [bootstrap, 'g', 'jobs', strategy, ...(instance === undefined ? [] : [instance])];
  const started = new RdkafkaConsumer(who, args);
  running.push(started);
  return started;
}

async function produce(url: string, from: number, count: number, partitions: number): Promise<string[]> {
  const values = Array.from({ length: count }, (_, i) => `r${from + i}`);
  const records = values.map((value, i) => ({ value, partition: (from + i) % partitions }));
  const answer = await call(url, 'POST', '/v1/topics/jobs/records', { records });
  expect(answer.status).toBe(200);
  return values;
}

const lastAssigned = (c: RdkafkaConsumer) => c.of('assigned').at(-1)?.partitions;

describe.skipIf(!available)('librdkafka consumer groups (python3-confluent-kafka)', () => {
  // A static member killed and restarted with the same group.instance.id gets its partitions back, with no rebalance for the others.
  feature('static membership', async () => {
    const broker = await brokers.start({ groupInitialRebalanceDelayMs: 300 });
    await call(broker.url, 'POST', '/v1/topics', { name: 'jobs', partitions: 4 });
    const bootstrap = broker.kafkaBootstrap!;
    const a = consumer('a', bootstrap, 'range', 'pod-a');
    const b = consumer('b', bootstrap, 'range', 'pod-b');
    await eventually(
      async () => {
        const group = (await call(broker.url, 'GET', '/v1/groups/g')).body;
        return (
          group.state === 'Stable' &&
          group.members.length === 2 &&
          lastAssigned(a)?.length === 2 &&
          lastAssigned(b)?.length === 2
        );
      },
      60_000,
      'two static members, two partitions each',
    );
    const before = (await call(broker.url, 'GET', '/v1/groups/g')).body;
    const aPartitions = lastAssigned(a);
    const bEvents = b.events.filter((e) => e.event === 'assigned' || e.event === 'revoked').length;
    const sent = await produce(broker.url, 0, 40, 4);
    await eventually(() => a.of('record').length + b.of('record').length >= 40, 30_000, 'the first records');

    await a.kill(); // no LeaveGroup: the process just dies
    const again = consumer('a2', bootstrap, 'range', 'pod-a');
    await eventually(() => lastAssigned(again) !== undefined, 30_000, 'the restarted member to be assigned');
    expect(lastAssigned(again)).toEqual(aPartitions);
    sent.push(...(await produce(broker.url, 40, 40, 4)));
    await eventually(
      () => new Set([...a.of('record'), ...b.of('record'), ...again.of('record')].map((e) => e.value)).size >= 80,
      30_000,
      'every record',
    );
    // b never heard of it: no revoke, no new assignment; the generation did not move.
    expect(b.events.filter((e) => e.event === 'assigned' || e.event === 'revoked')).toHaveLength(bEvents);
    const after = (await call(broker.url, 'GET', '/v1/groups/g')).body;
    expect(after).toMatchObject({ state: 'Stable', generationId: before.generationId });
    expect(after.members.map((m: { groupInstanceId: string }) => m.groupInstanceId).sort()).toEqual(['pod-a', 'pod-b']);
    const consumed = new Set([...a.of('record'), ...b.of('record'), ...again.of('record')].map((e) => e.value));
    expect(sent.filter((v) => !consumed.has(v))).toEqual([]);
  });

  // A cooperative-sticky group of 2 then 3: no partition owned twice, kept ones never revoked, every record consumed.
  feature('cooperative rebalancing', async () => {
    const broker = await brokers.start({ groupInitialRebalanceDelayMs: 300 });
    await call(broker.url, 'POST', '/v1/topics', { name: 'jobs', partitions: 6 });
    const bootstrap = broker.kafkaBootstrap!;
    const sent = await produce(broker.url, 0, 60, 6);
    const first = consumer('c1', bootstrap, 'cooperative-sticky');
    const second = consumer('c2', bootstrap, 'cooperative-sticky');
    const all = () => [first, second, ...running.filter((c) => c !== first && c !== second)];
    const ownership = () =>
      replay(
        all().flatMap((c) => c.events),
        false,
      );
    await eventually(
      () => first.owned(false).length === 3 && second.owned(false).length === 3,
      60_000,
      'two members with three partitions each',
    );
    const keptBy = new Map([first, second].map((c) => [c.who, c.owned(false)]));
    // On a slow machine the second member may join after the first took all six and gave
    // three back: count only what is revoked from here on, when the third member joins.
    const revokedBefore = new Map([first, second].map((c) => [c.who, c.of('revoked').length]));
    sent.push(...(await produce(broker.url, 60, 60, 6)));

    const third = consumer('c3', bootstrap, 'cooperative-sticky');
    await eventually(() => third.owned(false).length === 2, 60_000, 'the third member to get two partitions');
    await eventually(
      () => ownership().size === 6 && first.owned(false).length === 2 && second.owned(false).length === 2,
      30_000,
      'a settled group of three',
    );
    // Each old member gave up exactly one partition and was never revoked one it kept.
    for (const c of [first, second]) {
      const revoked = c
        .of('revoked')
        .slice(revokedBefore.get(c.who))
        .flatMap((e) => e.partitions ?? []);
      expect(revoked).toHaveLength(1);
      expect(c.owned(false)).toEqual(keptBy.get(c.who)!.filter((p) => !revoked.includes(p)));
    }
    expect(third.of('revoked')).toEqual([]);
    sent.push(...(await produce(broker.url, 120, 60, 6)));
    await eventually(
      () => new Set(all().flatMap((c) => c.of('record').map((e) => e.value))).size >= sent.length,
      60_000,
      'every record',
    );
    const consumed = new Set(all().flatMap((c) => c.of('record').map((e) => e.value)));
    expect(sent.filter((v) => !consumed.has(v))).toEqual([]);
    expect(all().flatMap((c) => c.of('lost'))).toEqual([]);
    expect(all().flatMap((c) => c.of('error'))).toEqual([]);
    // The whole history, replayed in order, never had a partition with two owners (replay throws if so).
    expect([...ownership().keys()].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
