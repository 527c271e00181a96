/**
 * HTTP throughput of the broker, next to a reference measured in the same run: a bare
 * node:http server that reads each request body and answers `{}` (the HTTP ceiling of
 * this machine and this load generator).
 *
 *   pnpm --filter @mini-kafka/broker bench
 *
 * Cases (each with keep-alive connections from one load-generating process):
 * - batched produce: POST /v1/topics/{t}/records with 1,000 records of 100 B (flush always);
 * - single produce: the tutorial's POST /topics/{t}/messages?message=..., 1 record per request;
 * - fetch: GET /v1/topics/{t}/partitions/0/records, 1,000 records per request.
 * Medians of BENCH_RUNS runs (default 3).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, createServer, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBroker } from '../src/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Call {
  method: string;
  path: string;
  body?: Buffer;
}

function send(agent: Agent, port: number, call: Call): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: call.method,
        path: call.path,
        headers: call.body ? { 'content-type': 'application/json', 'content-length': call.body.length } : {},
      },
      (res: IncomingMessage) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(call.body);
  });
}

/** Runs `total` calls over `connections` keep-alive connections; resolves to seconds. */
async function load(port: number, connections: number, total: number, next: (i: number) => Call): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  let issued = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (issued < total) {
        const status = await send(agent, port, next(issued++));
        if (status >= 300) throw new Error(`status ${status}`);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return seconds;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const batchBody = Buffer.from(
    JSON.stringify({ records: Array.from({ length: 1000 }, (_, i) => ({ value: `${i}`.padEnd(100, 'x') })) }),
  );
  const results = new Map<string, number[]>();
  const record = (name: string, value: number): void => {
    results.set(name, [...(results.get(name) ?? []), value]);
  };

  for (let run = 0; run < RUNS; run++) {
    const reference = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('{}'));
    });
    await new Promise<void>((resolve) => reference.listen(0, '127.0.0.1', resolve));
    const refPort = (reference.address() as AddressInfo).port;
    record(
      'reference batch POST (req/s)',
      400 / (await load(refPort, 4, 400, () => ({ method: 'POST', path: '/', body: batchBody }))),
    );
    record(
      'reference small POST (req/s)',
      8000 / (await load(refPort, 32, 8000, () => ({ method: 'POST', path: '/?message=hello' }))),
    );
    reference.close();

    const dataDir = await mkdtemp(join(tmpdir(), 'mini-kafka-bench-'));
    const broker = await createBroker({ dataDir, port: 0, kafkaPort: -1, logLevel: 'silent', flush: 'always' });
    await fetch(`${broker.url}/v1/topics`, { method: 'POST', body: JSON.stringify({ name: 'bench', partitions: 1 }) });
    await fetch(`${broker.url}/v1/topics`, { method: 'POST', body: JSON.stringify({ name: 'small', partitions: 4 }) });
    const batchSeconds = await load(broker.port, 4, 400, () => ({
      method: 'POST',
      path: '/v1/topics/bench/records',
      body: batchBody,
    }));
    record('batched produce (records/s)', 400_000 / batchSeconds);
    record('batched produce (req/s)', 400 / batchSeconds);
    const smallSeconds = await load(broker.port, 32, 8000, () => ({
      method: 'POST',
      path: '/topics/small/messages?message=hello',
    }));
    record('single produce (req/s)', 8000 / smallSeconds);
    const fetchSeconds = await load(broker.port, 4, 400, (i) => ({
      method: 'GET',
      path: `/v1/topics/bench/partitions/0/records?offset=${(i % 400) * 1000}&maxRecords=1000`,
    }));
    record('fetch (records/s)', 400_000 / fetchSeconds);
    await broker.close();
    await rm(dataDir, { recursive: true, force: true });
    console.log(`run ${run + 1}/${RUNS} done`);
  }

  const m = (name: string): number => median(results.get(name)!);
  const rows = [
    [
      'batched produce, 1,000 x 100 B per request, flush always',
      `${(m('batched produce (records/s)') / 1e6).toFixed(2)} M records/s`,
      `${((m('batched produce (req/s)') / m('reference batch POST (req/s)')) * 100).toFixed(0)}% of bare node:http with the same body`,
    ],
    [
      'single-record produce (tutorial route), 32 connections',
      `${Math.round(m('single produce (req/s)')).toLocaleString('en-US')} req/s`,
      `${((m('single produce (req/s)') / m('reference small POST (req/s)')) * 100).toFixed(0)}% of bare node:http`,
    ],
    ['fetch, 1,000 records per request', `${(m('fetch (records/s)') / 1e6).toFixed(2)} M records/s`, ''],
    [
      'reference: bare node:http, 110 KB POST',
      `${Math.round(m('reference batch POST (req/s)')).toLocaleString('en-US')} req/s`,
      '',
    ],
    [
      'reference: bare node:http, empty POST',
      `${Math.round(m('reference small POST (req/s)')).toLocaleString('en-US')} req/s`,
      '',
    ],
  ];
  console.log(`\n| case | median of ${RUNS} | ratio |\n|---|---|---|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
