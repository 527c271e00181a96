import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../broker.js';
import { startBroker, writeSourceData } from '../mirror/testing/mirror-fixture.js';
import { runInProcess } from './testing/run-in-process.js';

const run = runInProcess;

describe('mini-kafka mirror', () => {
  let work: string;
  let dataDir: string;
  let dest: Broker;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'mirror-cli-'));
    const source = await writeSourceData();
    dataDir = source.dataDir;
    await source.broker.close();
    dest = await startBroker();
  });
  afterAll(async () => {
    await dest.close();
    await rm(work, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('needs exactly one source and a valid pattern (exit 2)', async () => {
    const both = await run(['mirror', '--to', '127.0.0.1:1', '--from', '127.0.0.1:1', '--from-dir', dataDir]);
    expect(both).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('give exactly one of --from-dir and --from'),
    });
    const neither = await run(['mirror', '--to', '127.0.0.1:1']);
    expect(neither.code).toBe(2);
    const pattern = await run(['mirror', '--to', '127.0.0.1:1', '--from-dir', dataDir, '--topics', '(']);
    expect(pattern).toMatchObject({ code: 2, stderr: expect.stringContaining('--topics is not a regular expression') });
  });

  it('copies the chosen topics and groups, prints progress to stderr and a summary, exits 0', async () => {
    const state = join(work, 'state.json');
    const args = ['mirror', '--from-dir', dataDir, '--to', dest.kafkaBootstrap!, '--state', state];
    const result = await run([...args, '--topics', 'orders|events', '--groups', 'audit']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('mirrored 2 topics (2 created), 131 records, 2 group offsets\n');
    expect(result.stderr).toMatch(/^mirror: 131 records copied, \d+ records\/s, lag events=0 orders=0\n$/);
    expect(dest.logs.hasTopic('plain')).toBe(false);

    const again = await run(args);
    expect(again.stdout).toBe('mirrored 4 topics (2 created), 10 records, 6 group offsets\n');
  });

  it('exits 1 naming the cause when the data directory is in use', async () => {
    const running = await startBroker(dataDir);
    try {
      const result = await run([
        'mirror',
        '--from-dir',
        dataDir,
        '--to',
        dest.kafkaBootstrap!,
        '--state',
        join(work, 'x.json'),
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^mini-kafka mirror: .*is in use \(its lock is held\): stop the broker/);
    } finally {
      await running.close();
    }
  });
});
