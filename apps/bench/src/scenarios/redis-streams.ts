/**
 * Redis Streams through ioredis, the Node client most Redis users pick: XADD pipelined by
 * 1,000 (the same batches in flight as every other batching producer), then one consumer
 * of a consumer group reading XREADGROUP COUNT 1000 and acknowledging each batch with one
 * XACK of its ids (sent without waiting, so it travels in the same pipeline as the next read).
 */
import { Redis } from 'ioredis';
import { windowed } from '../load/windowed.js';
import { startRedis } from '../procs/anchor-servers.js';
import { ConsumeClock, later, measure, since, type Timed } from './measure.js';
import type { Scenario, ScenarioContext } from './scenario.js';

async function produce(
  redis: Redis,
  ctx: ScenarioContext,
  stream: string,
  records: number,
  progress: (done: number) => void,
): Promise<Timed> {
  const { batchRecords, inFlightBatches } = ctx.plan;
  let done = 0;
  const start = performance.now();
  await windowed(Math.ceil(records / batchRecords), inFlightBatches, async (batch) => {
    const first = batch * batchRecords;
    const count = Math.min(batchRecords, records - first);
    const pipeline = redis.pipeline();
    for (let i = first; i < first + count; i++) pipeline.xadd(stream, '*', 'v', ctx.values[i % ctx.values.length]!);
    const replies = (await pipeline.exec()) ?? [];
    const failed = replies.find(([error]) => error !== null);
    if (failed) throw failed[0];
    done += count;
    progress(done);
  });
  return { records, seconds: since(start) };
}

type Entries = [id: string, fields: string[]][];
/** RESP2 answers [[stream, entries]]; RESP3 (ioredis 6's default) a map, which ioredis flattens to [stream, entries]. */
type StreamReply = [string, Entries][] | [string, Entries] | null;

function entriesOf(reply: StreamReply): Entries {
  if (reply === null || reply.length === 0) return [];
  return typeof reply[0] === 'string' ? (reply[1] as Entries) : (reply as [string, Entries][])[0]![1];
}

async function consume(
  redis: Redis,
  stream: string,
  records: number,
  progress: (done: number) => void,
): Promise<Timed> {
  await redis.call('XGROUP', 'CREATE', stream, 'bench', '0');
  const clock = new ConsumeClock();
  const acks: Promise<unknown>[] = [];
  while (clock.received < records) {
    const reply = (await redis.call(
      'XREADGROUP',
      'GROUP',
      'bench',
      'c1',
      'COUNT',
      1000,
      'STREAMS',
      stream,
      '>',
    )) as StreamReply;
    const entries = entriesOf(reply);
    if (entries.length === 0) throw new Error(`XREADGROUP returned nothing after ${clock.received} records`);
    acks.push(later(redis.call('XACK', stream, 'bench', ...entries.map(([id]) => id))));
    clock.add(entries.length);
    progress(clock.received);
  }
  await Promise.all(acks);
  return clock.timed();
}

export const redisStreams: Scenario = {
  id: 'redis',
  title: 'Redis Streams + ioredis',
  needs: ['redis-server'],
  units: (plan) => 2 * plan.records,
  async round(ctx) {
    const server = await startRedis(ctx.commands['redis-server']!);
    const redis = new Redis({ host: '127.0.0.1', port: server.port, maxRetriesPerRequest: 0 });
    try {
      const skip = (): void => undefined;
      await produce(redis, ctx, 'warmup', ctx.plan.warmupRecords, skip);
      await consume(redis, 'warmup', ctx.plan.warmupRecords, skip);
      const serverPid = server.child.pid;
      const { records } = ctx.plan;
      await measure(ctx, { key: 'redis.produce', label: 'produce', units: records, serverPid }, (progress) =>
        produce(redis, ctx, 'bench', records, progress),
      );
      await measure(ctx, { key: 'redis.consume', label: 'consume', units: records, serverPid }, (progress) =>
        consume(redis, 'bench', records, progress),
      );
    } finally {
      redis.disconnect();
      await server.stop();
    }
  },
};
