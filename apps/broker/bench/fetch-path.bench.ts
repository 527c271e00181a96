/**
 * The read path under load, against a broker in its own process (the built `dist/main.js`,
 * so build first: `pnpm --filter @mini-kafka/broker... build`):
 *
 *   pnpm --filter @mini-kafka/broker exec tsx bench/fetch-path.bench.ts
 *
 * - kcat consume: BENCH_RECORDS (default 1,000,000) x 100 B produced once with kcat, then
 *   consumed from the beginning with kcat's defaults and with fetch.message.max.bytes=16 MiB
 *   (records/s, process start included), and the broker's peak RSS during each.
 * - 16 parallel HTTP partition reads with maxBytes=64 MiB (default maxRecords, first on a
 *   broker that has served no read yet, then again; and maxRecords=100000): wall time, the
 *   broker's peak RSS, and the slowest /health answer seen by a prober in another process
 *   asking every 10 ms throughout (and, as the noise floor, the same prober against the idle
 *   broker).
 *
 * Peak RSS is VmHWM from /proc, reset (clear_refs 5) before each case. Medians of BENCH_RUNS
 * runs (default 3). Extra broker flags: BENCH_BROKER_ARGS (space-separated); another build of the
 * broker (a baseline, say): BENCH_BROKER_MAIN=/path/to/dist/main.js.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const CASES = (process.env.BENCH_CASES ?? 'kcat,http').split(',');
const KCAT = process.env.KCAT_BIN ?? 'kcat';
const MAIN = process.env.BENCH_BROKER_MAIN ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
const TOPIC = 'bench';

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], stdin?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: [stdin === undefined ? 'ignore' : 'pipe', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}`))));
    if (stdin !== undefined) child.stdin!.end(stdin);
  });
}

function get(agent: Agent, port: number, path: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: '127.0.0.1', port, path }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface Broker {
  child: ChildProcess;
  httpPort: number;
  kafkaPort: number;
}

async function startBroker(dataDir: string): Promise<Broker> {
  const httpPort = await freePort();
  const kafkaPort = await freePort();
  const extra = (process.env.BENCH_BROKER_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== ''),
      MAIN,
      '--data-dir',
      dataDir,
      '--port',
      String(httpPort),
      '--kafka-port',
      String(kafkaPort),
      '--log-level',
      'warn',
      ...extra,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${httpPort}/health`);
      if (res.status === 200) return { child, httpPort, kafkaPort };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('broker did not start');
}

async function stopBroker(broker: Broker): Promise<void> {
  const exited = new Promise((resolve) => broker.child.once('exit', resolve));
  broker.child.kill('SIGTERM');
  await exited;
}

async function resetPeak(pid: number): Promise<void> {
  await writeFile(`/proc/${pid}/clear_refs`, '5');
}

async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** A prober in its own process: GET /health every 10 ms; prints the slowest answer (ms) when told to stop. */
const PROBER = `
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let max = 0, count = 0, stopping = false;
function probe() {
  if (stopping) return;
  const start = process.hrtime.bigint();
  http.get({ agent, host: '127.0.0.1', port: Number(process.argv[1]), path: '/health' }, (res) => {
    res.resume();
    res.on('end', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (count > 0 && ms > max) max = ms;
      if (count === 0) process.stdout.write('ready\\n');
      count++;
      setTimeout(probe, 10);
    });
  }).on('error', () => setTimeout(probe, 10));
}
probe();
process.stdin.on('data', () => {});
process.stdin.on('end', () => { stopping = true; process.stdout.write(JSON.stringify({ max, count: count - 1 })); process.exit(0); });
`;

async function withProber<T>(
  port: number,
  work: () => Promise<T>,
): Promise<{ result: T; maxMs: number; probes: number }> {
  const child = spawn(process.execPath, ['-e', PROBER, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  let ready: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    ready = resolve;
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) ready();
  });
  await started; // the first answer (connection set up) is not counted
  const result = await work();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin!.end();
  await exited;
  const { max, count } = JSON.parse(out.slice('ready\n'.length)) as { max: number; count: number };
  return { result, maxMs: max, probes: count };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mini-kafka-fetch-bench-'));
  const results = new Map<string, number[]>();
  const add = (name: string, value: number): void => {
    results.set(name, [...(results.get(name) ?? []), value]);
    console.log(`${name}: ${value.toFixed(1)}`);
  };
  try {
    let broker = await startBroker(dataDir);
    const lines = Array.from({ length: RECORDS }, (_, i) => `${i}`.padStart(10, '0').padEnd(100, 'x')).join('\n');
    let start = performance.now();
    await run(KCAT, ['-P', '-b', `127.0.0.1:${broker.kafkaPort}`, '-t', TOPIC], `${lines}\n`);
    console.log(`produced ${RECORDS} records in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    for (let r = 0; r < RUNS; r++) {
      // A fresh broker per run: the page cache stays warm, the broker's heap does not.
      await stopBroker(broker);
      broker = await startBroker(dataDir);
      const { pid } = broker.child;
      if (CASES.includes('kcat')) {
        for (const [name, extra] of [
          ['kcat default', []],
          ['kcat 16 MiB', ['-X', 'fetch.message.max.bytes=16777216']],
        ] as const) {
          await resetPeak(pid!);
          start = performance.now();
          await run(KCAT, [
            '-C',
            '-b',
            `127.0.0.1:${broker.kafkaPort}`,
            '-t',
            TOPIC,
            '-o',
            'beginning',
            '-e',
            '-q',
            ...extra,
          ]);
          add(`${name} (records/s)`, RECORDS / ((performance.now() - start) / 1000));
          add(`${name} peak RSS (MB)`, await peakRssMb(pid!));
        }
      }
      if (CASES.includes('http')) {
        // The noise floor: the prober alone against an idle broker for as long as a case takes.
        const idle = await withProber(broker.httpPort, () => new Promise((resolve) => setTimeout(resolve, 2000)));
        add('idle /health max (ms)', idle.maxMs);
        // Each case twice: on a broker that has served nothing over HTTP yet (cold), then again.
        for (const [name, query] of [
          ['cold 16x64MiB', 'maxBytes=67108864'],
          ['16x64MiB', 'maxBytes=67108864'],
          ['16x64MiB maxRecords=100000', 'maxBytes=67108864&maxRecords=100000'],
        ] as const) {
          await resetPeak(pid!);
          const agent = new Agent({ keepAlive: true, maxSockets: 16 });
          const { result, maxMs, probes } = await withProber(broker.httpPort, async () => {
            const begin = performance.now();
            const answers = await Promise.all(
              Array.from({ length: 16 }, () =>
                get(agent, broker.httpPort, `/v1/topics/${TOPIC}/partitions/0/records?offset=0&${query}`),
              ),
            );
            if (answers.some((a) => a.status !== 200)) throw new Error(`status ${answers.map((a) => a.status)}`);
            return { seconds: (performance.now() - begin) / 1000, bytes: answers.reduce((s, a) => s + a.bytes, 0) };
          });
          agent.destroy();
          add(`${name} wall (s)`, result.seconds);
          add(`${name} response MB`, result.bytes / 1e6);
          add(`${name} peak RSS (MB)`, await peakRssMb(pid!));
          add(`${name} /health max (ms)`, maxMs);
          add(`${name} /health probes answered`, probes);
        }
      }
    }
    await stopBroker(broker);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log(`\n| measure | median of ${RUNS} | runs |\n|---|---|---|`);
  for (const [name, values] of results) {
    console.log(`| ${name} | ${median(values).toFixed(1)} | ${values.map((v) => v.toFixed(1)).join(', ')} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
