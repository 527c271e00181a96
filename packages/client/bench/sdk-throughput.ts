/**
 * SDK throughput against a broker in its own process (fresh data directory, flush
 * `always`, the broker's defaults): the producer sends 1,000,000 records of 100 B to a
 * one-partition topic (`send({ topic, messages })` of 1,000 records, 8 calls in flight,
 * nothing awaited one by one), then a group of one reads them with `run({ eachBatch })`;
 * then the same records go to a four-partition topic and groups of 1, 2 and 4 members
 * read it. Each case is timed from the first call to the last record.
 *
 *   pnpm --filter @mini-kafka/client bench                       # both transports
 *   BENCH_TRANSPORTS=binary BENCH_RECORDS=200000 pnpm --filter @mini-kafka/client bench
 *
 * Medians of BENCH_RUNS rounds (default 3); the transports alternate within a round so a
 * noisy machine hits both alike. Each case also reports the CPU seconds this process and the
 * broker spent per million records, steadier than rates on a shared machine. A group's rate
 * counts each record once (records delivered again in a rebalance are not counted). The
 * broker must be built (`pnpm build`). BENCH_CLIENT and BENCH_BROKER name another build of the
 * SDK (its dist/index.js) and of the broker (its dist/main.js), to measure a baseline with
 * the same script (`BENCH_TRANSPORTS=json` for an SDK without the binary transport).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Consumer, MiniKafka as MiniKafkaClass } from '@mini-kafka/client';

const { MiniKafka } = (await import(process.env.BENCH_CLIENT ?? '@mini-kafka/client')) as {
  MiniKafka: typeof MiniKafkaClass;
};
type MiniKafka = MiniKafkaClass;

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const VALUE_BYTES = 100;
const BATCH = 1000;
const IN_FLIGHT = 8;
const MEMBERS = (process.env.BENCH_MEMBERS ?? '1,2,4').split(',').map(Number);
const TRANSPORTS = (process.env.BENCH_TRANSPORTS ?? 'json,binary').split(',') as Array<'json' | 'binary'>;
const BROKER_MAIN = process.env.BENCH_BROKER ?? resolve(import.meta.dirname, '../../../apps/broker/dist/main.js');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Broker {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

async function startBroker(): Promise<Broker> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mk-sdk-bench-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [BROKER_MAIN, '--port', String(port), '--kafka-port', '-1', '--data-dir', dataDir, '--log-level', 'warn'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 200) throw new Error('the broker did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function produce(kafka: MiniKafka, topic: string, transport: 'json' | 'binary'): Promise<number> {
  const producer = kafka.producer({ transport } as never);
  const value = Buffer.alloc(VALUE_BYTES, 'x').toString();
  const messages = Array.from({ length: BATCH }, () => ({ value }));
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < RECORDS) {
        const count = Math.min(BATCH, RECORDS - next);
        next += count;
        await producer.send({ topic, messages: count === BATCH ? messages : messages.slice(0, count) });
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await producer.close();
  return RECORDS / seconds;
}

async function consume(kafka: MiniKafka, topic: string, members: number, transport: 'json' | 'binary') {
  const groupId = `${topic}-${transport}-${members}-${Math.random().toString(36).slice(2)}`;
  const next = new Map<number, number>();
  let received = 0;
  let start = 0;
  let finished: () => void = () => undefined;
  const done = new Promise<void>((r) => {
    finished = r;
  });
  const consumers: Consumer[] = [];
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: members }, async () => {
      const consumer = kafka.consumer({ groupId, fromBeginning: true, maxRecords: BATCH, transport } as never);
      consumers.push(consumer);
      await consumer.subscribe(topic);
      await consumer.run({
        eachBatch: ({ batch }) => {
          if (start === 0) start = performance.now();
          for (const message of batch.messages) {
            if (message.offset < (next.get(batch.partition) ?? 0)) continue; // delivered again after a rebalance
            next.set(batch.partition, message.offset + 1);
            received++;
          }
          if (received >= RECORDS) finished();
        },
      });
    }),
  );
  await done;
  const end = performance.now();
  await Promise.all(consumers.map((c) => c.close()));
  return { rate: RECORDS / ((end - start) / 1000), withJoin: RECORDS / ((end - begin) / 1000) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Runs one case, noting its rate and the CPU seconds per million records of this process and of the broker. */
async function timed(
  broker: Broker,
  run: () => Promise<number>,
): Promise<{ rate: number; client: number; server: number }> {
  const client = process.cpuUsage();
  const server = await cpuSeconds(broker.pid);
  const rate = await run();
  const used = process.cpuUsage(client);
  const million = RECORDS / 1_000_000;
  return {
    rate,
    client: (used.user + used.system) / 1e6 / million,
    server: ((await cpuSeconds(broker.pid)) - server) / million,
  };
}

async function main(): Promise<void> {
  const results = new Map<string, Array<{ rate: number; client: number; server: number }>>();
  const note = (key: string, value: { rate: number; client: number; server: number }) => {
    results.set(key, [...(results.get(key) ?? []), value]);
    process.stdout.write(
      `  ${key}: ${Math.round(value.rate).toLocaleString('en-US')} rec/s, CPU s per 1M: client ${value.client.toFixed(2)}, broker ${value.server.toFixed(2)}\n`,
    );
  };
  for (let run = 1; run <= RUNS; run++) {
    for (const transport of run % 2 === 1 ? TRANSPORTS : [...TRANSPORTS].reverse()) {
      process.stdout.write(`round ${run}, ${transport}\n`);
      const broker = await startBroker();
      try {
        const kafka = new MiniKafka({ url: broker.url, clientId: 'bench' });
        const admin = kafka.admin();
        await admin.createTopics({
          topics: [
            { topic: 'one', numPartitions: 1 },
            { topic: 'four', numPartitions: 4 },
          ],
        });
        note(`${transport} produce 1 partition`, await timed(broker, () => produce(kafka, 'one', transport)));
        note(
          `${transport} consume 1 partition, 1 member`,
          await timed(broker, async () => (await consume(kafka, 'one', 1, transport)).rate),
        );
        note(`${transport} produce 4 partitions`, await timed(broker, () => produce(kafka, 'four', transport)));
        for (const members of MEMBERS) {
          note(
            `${transport} consume 4 partitions, ${members} members`,
            await timed(broker, async () => (await consume(kafka, 'four', members, transport)).rate),
          );
        }
      } finally {
        await broker.stop();
      }
    }
  }
  process.stdout.write(`\nmedians of ${RUNS} (${RECORDS.toLocaleString('en-US')} records of ${VALUE_BYTES} B):\n`);
  process.stdout.write(`${'case'.padEnd(40)} ${'rec/s'.padStart(10)}  CPU s per 1M records: client, broker\n`);
  for (const [key, values] of results) {
    const rate = Math.round(median(values.map((v) => v.rate))).toLocaleString('en-US');
    const client = median(values.map((v) => v.client)).toFixed(2);
    const server = median(values.map((v) => v.server)).toFixed(2);
    process.stdout.write(`${key.padEnd(40)} ${rate.padStart(10)}  ${client.padStart(6)} ${server.padStart(6)}\n`);
  }
}

await main();
