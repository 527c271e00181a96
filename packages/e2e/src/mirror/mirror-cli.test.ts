/**
 * `mini-kafka mirror` as a user runs it (apps/broker/bin/mini-kafka.js; build the broker first):
 * a data directory copied to a cluster (a second broker reached by its Kafka port), the copy
 * SIGKILLed mid-way and run again, then every record and translated group offset compared;
 * and --follow stopped with SIGTERM exits 0 after copying what was produced meanwhile.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Broker, createBroker } from '@mini-kafka/broker';
import { MiniKafka } from '@mini-kafka/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';

const BIN = fileURLToPath(new URL('../../../../apps/broker/bin/mini-kafka.js', import.meta.url));
const PARTITIONS = 4;
const PER_PARTITION = 40_000;

function start(dataDir?: string): Promise<Broker> {
  return createBroker({ ...(dataDir ? { dataDir } : { inMemory: true }), port: 0, kafkaPort: 0, logLevel: 'silent' });
}

function mirror(args: string[]): { child: ChildProcess; exited: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, 'mirror', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

async function values(broker: Broker, topic: string, partition: number): Promise<string[]> {
  const log = broker.logs.getLog(topic, partition);
  const out: string[] = [];
  for (let offset = log.logStartOffset; offset < log.logEndOffset; ) {
    const { records, nextOffset } = await log.read(offset, { maxRecords: 5000 });
    for (const r of records) out.push(`${r.key?.toString()}|${r.value?.toString()}|${r.timestamp}|${r.headers.length}`);
    offset = nextOffset;
  }
  return out;
}

function destEnd(broker: Broker): number {
  if (!broker.logs.hasTopic('big')) return 0;
  let total = 0;
  for (let p = 0; p < PARTITIONS; p++) total += broker.logs.getLog('big', p).logEndOffset;
  return total;
}

describe('mini-kafka mirror', () => {
  let work: string;
  const opened: Broker[] = [];
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'mirror-e2e-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((b) => b.close()));
    await rm(work, { recursive: true, force: true });
  });

  it('resumes after SIGKILL: every record once, offsets translated', async () => {
    const dataDir = join(work, 'data');
    const source = await start(dataDir);
    await source.logs.createTopic('big', { partitions: PARTITIONS });
    for (let p = 0; p < PARTITIONS; p++) {
      const log = source.logs.getLog('big', p);
      for (let i = 0; i < PER_PARTITION; i += 1000) {
        await log.append(
          Array.from({ length: 1000 }, (_, j) => ({
            key: Buffer.from(`k${i + j}`),
            value: Buffer.from(`value-${p}-${i + j}`),
            headers: [{ key: 'h', value: Buffer.from('x') }],
            timestamp: 1_600_000_000_000 + i + j,
          })),
        );
      }
    }
    const admin = new MiniKafka({ url: source.url }).admin();
    await admin.deleteRecords('big', 1, 500);
    await admin.setOffsets({
      groupId: 'app',
      topic: 'big',
      partitions: [
        { partition: 0, offset: 30_000 },
        { partition: 1, offset: 1000 },
      ],
    });
    const expected = await Promise.all(Array.from({ length: PARTITIONS }, (_, p) => values(source, 'big', p)));
    await source.close();

    const dest = await start();
    opened.push(dest);
    const args = ['--from-dir', dataDir, '--to', dest.kafkaBootstrap!, '--state', join(work, 'state.json')];
    const first = mirror(args);
    await eventually(() => destEnd(dest) > 0, 20_000, 'the first records copied');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const total = PARTITIONS * PER_PARTITION - 500;
    expect(destEnd(dest)).toBeLessThan(total);

    const second = mirror(args);
    expect(await second.exited, second.stderr()).toBe(0);
    expect(second.stderr()).toMatch(/mirror: \d+ records copied/);
    for (let p = 0; p < PARTITIONS; p++) expect(await values(dest, 'big', p)).toEqual(expected[p]);
    const committed = await new MiniKafka({ url: dest.url }).admin().committed('app', 'big');
    expect(committed.map(({ partition, offset }) => ({ partition, offset }))).toEqual([
      { partition: 0, offset: 30_000 },
      { partition: 1, offset: 500 },
    ]);
  }, 120_000);

  it('--follow copies new records until SIGTERM, then exits 0', async () => {
    const live = await start();
    const dest = await start();
    opened.push(live, dest);
    const client = new MiniKafka({ url: live.url });
    await client.admin().createTopic('feed', { partitions: 1 });
    const producer = client.producer();
    await producer.send({ topic: 'feed', messages: [{ value: 'one' }] });
    const run = mirror([
      '--from',
      live.kafkaBootstrap!,
      '--to',
      dest.kafkaBootstrap!,
      '--follow',
      '--state',
      join(work, 's.json'),
    ]);
    await eventually(() => dest.logs.hasTopic('feed') && dest.logs.getLog('feed', 0).logEndOffset === 1, 20_000, 'one');
    await producer.send({ topic: 'feed', messages: [{ value: 'two' }] });
    await eventually(() => dest.logs.getLog('feed', 0).logEndOffset === 2, 20_000, 'two');
    run.child.kill('SIGTERM');
    expect(await run.exited, run.stderr()).toBe(0);
    expect(await values(dest, 'feed', 0)).toEqual(await values(live, 'feed', 0));
  }, 60_000);
});
