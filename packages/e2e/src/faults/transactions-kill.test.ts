/**
 * Exactly once through SIGKILLs: a librdkafka consume-transform-produce loop
 * (`clients/python/confluent_eos_loop.py`: read_committed input, output and group offsets in one
 * transaction per batch) runs against a broker child process on a data directory while the test
 * kills, at points drawn from the run's seed, the loop (restarted with the same
 * transactional.id, which fences the dead instance and aborts what it left open) and the broker
 * (restarted on the same directory and Kafka port: the transaction state log and the partitions'
 * producer state are recovered). When the group has committed the whole input, the output read
 * with read_committed (the HTTP API's default) holds every input record exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SeededRandom, testSeed } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { committedOverHttp, createTopic, recordsOverHttp } from '../support/broker-evidence.js';
import { Brokers, type SpawnedBroker } from '../support/brokers.js';
import { eventually } from '../support/eventually.js';
import { call } from '../support/json-call.js';
import { confluentSkipReason, PYTHON } from '../support/python-programs.js';

const LOOP = fileURLToPath(new URL('../../clients/python/confluent_eos_loop.py', import.meta.url));
const SEED = testSeed();
const PARTITIONS = 3;
const RECORDS = 3000;
/** Records per transaction: small, so the run spans many transactions and the kills land inside it. */
const BATCH = '10';

const brokers = new Brokers();
const loops: ChildProcess[] = [];
afterEach(async () => {
  for (const loop of loops.splice(0)) if (loop.exitCode === null && loop.signalCode === null) loop.kill('SIGKILL');
  await brokers.cleanup();
});

/** The loop as a child process; `committed` counts the records it reported committed. */
function startLoop(bootstrap: string) {
  const child = spawn(PYTHON, [LOOP, bootstrap, 'input', 'output', 'eos', 'eos-loop', BATCH], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  loops.push(child);
  const state = { committed: 0, exited: new Promise<void>((resolve) => child.once('exit', () => resolve())) };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const event = JSON.parse(line) as { committed?: number };
      if (event.committed !== undefined) state.committed += event.committed;
    } catch {
      // not an event line
    }
  });
  child.stderr!.resume();
  return { child, state };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const kafkaPortOf = (bootstrap: string) => bootstrap.slice(bootstrap.lastIndexOf(':') + 1);

describe.skipIf(confluentSkipReason !== undefined)(`transactions across SIGKILLs (seed ${SEED})`, () => {
  it('writes every input record to the output exactly once', async () => {
    const random = SeededRandom.derive(SEED, 'transactions-kill');
    const dataDir = await brokers.dataDir();
    let broker: SpawnedBroker = await brokers.spawn(dataDir);
    const port = kafkaPortOf(broker.kafkaBootstrap);
    await createTopic(broker.url, 'input', PARTITIONS);
    await createTopic(broker.url, 'output', PARTITIONS);
    const values = Array.from({ length: RECORDS }, (_, i) => `v${i}`);
    for (let from = 0; from < RECORDS; from += 100) {
      const records = values.slice(from, from + 100).map((value, i) => ({ value, partition: (from + i) % PARTITIONS }));
      const produced = await call(broker.url, 'POST', '/v1/topics/input/records', { records });
      expect(produced.status).toBe(200);
    }

    let loop = startLoop(broker.kafkaBootstrap);
    let committed = 0;
    const groupProgress = async () => {
      const offsets = await committedOverHttp(broker.url, 'eos');
      return Object.values(offsets).reduce((sum, offset) => sum + offset, 0);
    };
    /** How much of the input the group had committed when each kill landed. */
    const progressAtKills: number[] = [];
    const kills = ['loop', 'broker', 'loop', 'loop', 'broker', 'loop'] as const;
    for (const victim of kills) {
      // Let some transactions commit (a few hundred ms to ~1.5 s), then kill.
      await sleep(300 + random.int(1200));
      progressAtKills.push(await groupProgress());
      if (victim === 'loop') {
        loop.child.kill('SIGKILL');
        await loop.state.exited;
        committed += loop.state.committed;
        loop = startLoop(broker.kafkaBootstrap);
      } else {
        broker.child.kill('SIGKILL');
        await broker.exited;
        broker = await brokers.spawn(dataDir, ['--kafka-port', port]);
      }
    }
    // The loop exits (code 3) on errors a broker restart can cause: start it again until the group is done.
    const done = async () => (await groupProgress()) >= RECORDS;
    await eventually(
      async () => {
        if (loop.child.exitCode !== null) {
          committed += loop.state.committed;
          loop = startLoop(broker.kafkaBootstrap);
        }
        return done();
      },
      90_000,
      'the group committed the whole input',
    );
    loop.child.kill('SIGKILL');
    await loop.state.exited;
    committed += loop.state.committed;

    const output = (await recordsOverHttp(broker.url, 'output')).map((r) => r.value);
    const counts = new Map<string, number>();
    for (const value of output) counts.set(value!, (counts.get(value!) ?? 0) + 1);
    const duplicated = [...counts].filter(([, n]) => n > 1).map(([value]) => value);
    const missing = values.filter((value) => !counts.has(`out:${value}`));
    expect({ duplicated, missing, total: output.length }).toEqual({ duplicated: [], missing: [], total: RECORDS });
    // The kills landed while the work was under way, not after it was done.
    expect(progressAtKills.filter((progress) => progress < RECORDS).length, String(progressAtKills)).toBeGreaterThan(2);
    expect(committed).toBeGreaterThan(0);
  }, 240_000);
});
