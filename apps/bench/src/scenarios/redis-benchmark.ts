/**
 * redis-benchmark, Redis's own C load generator: XADD with `-P 1000` (1,000 commands
 * pipelined per connection, its default 50 connections), the run's record count, one
 * value of the run's size, against a fresh redis-server with the same settings as the
 * ioredis anchor. The figure is the rate redis-benchmark reports (its start-up excluded).
 */
import { spawn } from 'node:child_process';
import { startRedis } from '../procs/anchor-servers.js';
import { measure } from './measure.js';
import type { Scenario, ScenarioContext } from './scenario.js';

/** The requests/s of the last test in redis-benchmark's `--csv` output. */
export function parseBenchmarkCsv(text: string): number {
  const rows = text
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('"') && !line.startsWith('"test"'));
  const last = rows.at(-1);
  const rps = last === undefined ? Number.NaN : Number(/","([\d.]+)"/.exec(last)?.[1]);
  if (!Number.isFinite(rps)) throw new Error(`no rate in redis-benchmark's output: ${text.slice(0, 300)}`);
  return rps;
}

function runBenchmark(ctx: ScenarioContext, port: number, requests: number): Promise<number> {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-n', String(requests), '-P', '1000', '-q', '--csv'];
  args.push('XADD', 'bench', '*', 'v', ctx.values[0]!);
  return new Promise((resolve, reject) => {
    const child = spawn(ctx.commands['redis-benchmark']!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`redis-benchmark exited with ${code}: ${output.slice(-300)}`));
      try {
        resolve(parseBenchmarkCsv(output));
      } catch (error) {
        reject(error);
      }
    });
  });
}

export const redisBenchmark: Scenario = {
  id: 'redis-benchmark',
  title: 'redis-benchmark -P 1000 XADD',
  needs: ['redis-server', 'redis-benchmark'],
  units: (plan) => plan.records,
  async round(ctx) {
    const server = await startRedis(ctx.commands['redis-server']!);
    try {
      await runBenchmark(ctx, server.port, ctx.plan.warmupRecords);
      const { records } = ctx.plan;
      await measure(
        ctx,
        {
          key: 'redis-benchmark.produce',
          label: 'XADD',
          units: records,
          serverPid: server.child.pid,
          externalClient: true,
        },
        async () => {
          const rps = await runBenchmark(ctx, server.port, records);
          return { records, seconds: records / rps };
        },
      );
    } finally {
      await server.stop();
    }
  },
};
