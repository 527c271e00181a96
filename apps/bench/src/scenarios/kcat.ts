/**
 * kcat (librdkafka's command-line client) against Mini Kafka's Kafka listener, one
 * partition, librdkafka's defaults (acks all, linger 5 ms): `-P -l` of a file of one
 * record per line, timed from the spawn to kcat's exit (process start and the final
 * acknowledgements included); then `-C -o beginning -e`, with the default fetch sizes and
 * with fetch.message.max.bytes=16 MiB, timed from the first records on kcat's output to
 * the last (the wait for end-of-partition that `-e` needs is left out). Every record must
 * arrive.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTopic } from '../load/fill.js';
import { writeLinesFile } from '../load/payload.js';
import { startBroker } from '../procs/broker-process.js';
import { removeDir, tempDir } from '../procs/children.js';
import { ConsumeClock, measure, since, type Timed } from './measure.js';
import type { Scenario, ScenarioContext } from './scenario.js';

export const LARGE_FETCH = ['-X', `fetch.message.max.bytes=${16 * 1024 * 1024}`];

function runKcat(command: string, args: string[], onOutput: (chunk: Buffer) => void = () => undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stdout.on('data', onOutput);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      errors = (errors + chunk).slice(-2000);
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`kcat exited with ${code}: ${errors}`))));
  });
}

async function produce(ctx: ScenarioContext, kafka: string, topic: string, file: string): Promise<Timed> {
  const start = performance.now();
  await runKcat(ctx.commands.kcat!, ['-b', kafka, '-P', '-t', topic, '-l', file]);
  return { records: 0, seconds: since(start) };
}

async function consume(
  ctx: ScenarioContext,
  kafka: string,
  topic: string,
  records: number,
  extra: string[],
  progress: (done: number) => void,
): Promise<Timed> {
  const clock = new ConsumeClock();
  const args = ['-b', kafka, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', ...extra];
  await runKcat(ctx.commands.kcat!, args, (chunk) => {
    let lines = 0;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    clock.add(Math.min(lines, records - clock.received));
    progress(clock.received);
  });
  if (clock.received !== records) throw new Error(`kcat -C read ${clock.received} of ${records} records`);
  return clock.timed();
}

async function highWatermark(ctx: { http: { getJson<T>(path: string): Promise<T> } }, topic: string): Promise<number> {
  const described = await ctx.http.getJson<{ partitionDetails: { highWatermark: number }[] }>(`/v1/topics/${topic}`);
  return described.partitionDetails[0]?.highWatermark ?? 0;
}

export const kcat: Scenario = {
  id: 'kcat',
  title: 'kcat (librdkafka) over the Kafka protocol',
  needs: ['kcat'],
  units: (plan) => 3 * plan.records,
  async round(ctx) {
    const { plan } = ctx;
    const dir = await tempDir('kcat');
    const broker = await startBroker();
    try {
      const files = { warmup: join(dir, 'warmup.txt'), bench: join(dir, 'bench.txt') };
      await writeLinesFile(files.warmup, ctx.values, plan.warmupRecords);
      await writeLinesFile(files.bench, ctx.values, plan.records);
      for (const topic of ['warmup', 'bench']) await createTopic(broker.http, topic, 1);
      await produce(ctx, broker.kafka, 'warmup', files.warmup);
      await consume(ctx, broker.kafka, 'warmup', plan.warmupRecords, [], () => undefined);
      const serverPid = broker.child.pid;
      const { records } = plan;
      await measure(
        ctx,
        { key: 'kcat.produce', label: '-P', units: records, serverPid, externalClient: true },
        async () => {
          const { seconds } = await produce(ctx, broker.kafka, 'bench', files.bench);
          return { records, seconds };
        },
      );
      const stored = await highWatermark(broker, 'bench');
      if (stored !== records) throw new Error(`kcat -P stored ${stored} of ${records} records`);
      await measure(
        ctx,
        { key: 'kcat.consume', label: '-C', units: records, serverPid, externalClient: true },
        (progress) => consume(ctx, broker.kafka, 'bench', records, [], progress),
      );
      await measure(
        ctx,
        { key: 'kcat.consume-large', label: '-C 16 MiB fetches', units: records, serverPid, externalClient: true },
        (p) => consume(ctx, broker.kafka, 'bench', records, LARGE_FETCH, p),
      );
    } finally {
      await broker.stop('kill');
      await removeDir(dir);
    }
  },
};
