// `mini-kafka mirror` into a destination that requires SASL: the --to-* flags and the password from the environment.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { writeSourceData } from '../mirror/testing/mirror-fixture.js';
import { emptyCredentials, withUser, writeCredentials } from '../security/credential-store.js';
import { runInProcess } from './testing/run-in-process.js';

const PASSWORD = 'mirror-secret-7';

const run = runInProcess;

describe('mini-kafka mirror to a SASL cluster', () => {
  let work: string;
  let dataDir: string;
  let dest: Broker;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'mirror-sasl-'));
    const credentialsFile = join(work, 'credentials.json');
    await writeCredentials(credentialsFile, await withUser(emptyCredentials(), 'mirror', PASSWORD));
    const source = await writeSourceData();
    dataDir = source.dataDir;
    await source.broker.close();
    dest = await createBroker({
      inMemory: true,
      port: 0,
      kafkaPort: 0,
      logLevel: 'silent',
      auth: true,
      credentialsFile,
      superUsers: ['User:mirror'],
      authFailureDelayMs: 0,
    });
  });
  afterAll(async () => {
    delete process.env.MINI_KAFKA_MIRROR_SASL_PASSWORD;
    await dest.close();
    await rm(work, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('needs a user and the password in the environment for SASL (exit 2)', async () => {
    const missing = await run([
      'mirror',
      '--from-dir',
      dataDir,
      '--to',
      dest.kafkaBootstrap!,
      '--to-security-protocol',
      'SASL_PLAINTEXT',
      '--state',
      join(work, 'none.json'),
    ]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('MINI_KAFKA_MIRROR_SASL_PASSWORD') });
  });

  it('copies into a cluster that requires SCRAM, never printing the password', async () => {
    process.env.MINI_KAFKA_MIRROR_SASL_PASSWORD = PASSWORD;
    const result = await run([
      'mirror',
      '--from-dir',
      dataDir,
      '--to',
      dest.kafkaBootstrap!,
      '--to-security-protocol',
      'SASL_PLAINTEXT',
      '--to-sasl-mechanism',
      'SCRAM-SHA-256',
      '--to-sasl-username',
      'mirror',
      '--state',
      join(work, 'state.json'),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^mirrored 4 topics/);
    expect(dest.logs.getLog('orders', 0).highWatermark).toBe(20);
    expect(`${result.stdout}${result.stderr}`).not.toContain(PASSWORD);
  });
});
