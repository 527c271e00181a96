/**
 * `mini-kafka verify`: prints a line per partition with its problems, or the JSON report,
 * and exits 0 on a clean data directory, 1 on damage, 2 on a usage error.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LogOffsetStore } from '@mini-kafka/coordinator';
import { batchSize, LogManager } from '@mini-kafka/storage';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { tornOrders } from './testing/torn-orders.js';
import { runVerifyCommand } from './verify-command.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

async function run(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runVerifyCommand(argv, env, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

async function dataDir(): Promise<string> {
  const dir = await dirs.make();
  const logs = await LogManager.open({ dataDir: dir, retentionCheckIntervalMs: 0 });
  await logs.createTopic('orders', { partitions: 2, config: { segmentBytes: 4096 } });
  for (let i = 0; i < 100; i++) await logs.getLog('orders', i % 2).append([{ value: `record ${i}`.padEnd(100, '.') }]);
  await logs.close();
  return dir;
}

describe('mini-kafka verify', () => {
  it('passes a clean data directory: exit 0, a line per partition', async () => {
    const dir = await dataDir();
    const { code, stdout } = await run(['--data-dir', dir]);
    expect(code).toBe(0);
    expect(stdout).toContain(`${dir}: 1 topic, 2 partitions,`);
    expect(stdout).toMatch(/orders-0 {2}ok {7}offsets 0 to 49, 50 records, \d+ segments, [\d.]+ KiB/);
    expect(stdout).toContain('offsets store (~coordinator/offsets)  ok       none yet');
    expect(stdout).toContain('No damage found in 2 partitions and the offsets store.');
  });

  it('finds a closed segment cut inside a batch: exit 1, the offsets named', async () => {
    const dir = await dataDir();
    const partition = join(dir, 'orders', '1');
    const first = (await readdir(partition)).filter((name) => name.endsWith('.log')).sort()[0]!;
    const bytes = await readFile(join(partition, first));
    const second = batchSize(bytes, 0);
    await writeFile(join(partition, first), bytes.subarray(0, second + 20));

    const { code, stdout } = await run([], { MINI_KAFKA_DATA_DIR: dir });
    expect(code).toBe(1);
    expect(stdout).toMatch(/orders-1 {2}DAMAGED/);
    expect(stdout).toMatch(
      new RegExp(
        `damage {3}${first} byte ${second}: 20 bytes from byte ${second} are damaged \\(the file ends inside a batch\\): offsets 1 to \\d+ cannot be read`,
      ),
    );
    expect(stdout).toContain('1 of 2 partitions damaged.');

    const json = await run(['--data-dir', dir, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, damagedPartitions: 1 });
  });

  it('finds a topic.json that cannot be read: exit 1, the topic and its partition directories named', async () => {
    const dir = await dataDir();
    await writeFile(join(dir, 'orders', 'topic.json'), '{"name": "ord');

    const { code, stdout } = await run(['--data-dir', dir]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /orders {2}DAMAGE {2}orders\/topic\.json: cannot be read \(not valid JSON\): .*partition directories 0, 1/,
    );
    expect(stdout).toContain('0 of 0 partitions damaged, 1 topic with damaged metadata.');
    expect(stdout).not.toContain('skipped orders');
  });

  it("reads the offsets store as the coordinator does: a commit's damaged batch is exit 1", async () => {
    const dir = await dataDir();
    const store = await LogOffsetStore.open({ dataDir: dir });
    await store.commit('g', [{ topic: 'orders', partition: 0, offset: 7, metadata: '', commitTimestamp: 1 }]);
    await store.close();
    const clean = await run(['--data-dir', dir, '--json']);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({
      ok: true,
      skipped: [],
      offsetsStore: { present: true, records: 1 },
    });

    const segment = join(dir, '~coordinator', 'offsets', '00000000000000000000.log');
    const bytes = await readFile(segment);
    bytes[bytes.length - 3]! ^= 0xff;
    await writeFile(segment, bytes);
    const { code, stdout } = await run(['--data-dir', dir]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/offsets store \(~coordinator\/offsets\) {2}DAMAGED/);
    expect(stdout).toMatch(/damage {3}~coordinator\/offsets\/00000000000000000000\.log byte 0: .*crc-mismatch/);
    expect(stdout).toContain('0 of 2 partitions damaged, the offsets store damaged.');
  });

  it('refuses unknown flags and a data directory it cannot read: exit 2', async () => {
    expect((await run(['--nope'])).code).toBe(2);
    const missing = await run(['--data-dir', join(await dirs.make(), 'absent')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*absent/);
  });

  it('calls a torn tail that a group had committed past data loss: exit 1, the lost offsets named', async () => {
    const dir = await dirs.make();
    const torn = await tornOrders(dir);
    const store = await LogOffsetStore.open({ dataDir: dir });
    await store.commit('billing', [{ topic: 'orders', partition: 0, offset: 100, metadata: '', commitTimestamp: 1 }]);
    await store.commit('audit', [{ topic: 'orders', partition: 0, offset: torn, metadata: '', commitTimestamp: 1 }]);
    await store.close();

    const { code, stdout } = await run(['--data-dir', dir]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/orders-0 {2}DAMAGED/);
    expect(stdout).toContain(
      `DATA LOSS: group "billing" committed offset 100, past the log end ${torn}: records ${torn} to 99 were written and read`,
    );
    expect(stdout).not.toContain('group "audit"');
    const json = JSON.parse((await run(['--data-dir', dir, '--json'])).stdout);
    expect(json.topics[0].partitions[0].problems).toContainEqual(
      expect.objectContaining({ severity: 'damage', fromOffset: torn, toOffset: 99 }),
    );
  });

  it('only warns of a commit past the end of a log closed cleanly (Kafka allows such commits)', async () => {
    const dir = await dataDir();
    const store = await LogOffsetStore.open({ dataDir: dir });
    await store.commit('g', [{ topic: 'orders', partition: 0, offset: 500, metadata: '', commitTimestamp: 1 }]);
    await store.close();
    const { code, stdout } = await run(['--data-dir', dir]);
    expect(code).toBe(0);
    expect(stdout).toContain('group "g" committed offset 500, past the log end 50, though the log was closed cleanly');
  });
});
