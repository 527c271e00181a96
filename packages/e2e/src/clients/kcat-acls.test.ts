/**
 * kcat (librdkafka) against the broker with authentication on and ACLs enforced. kcat logs
 * in as bob (SASL SCRAM-SHA-512), who may read "open" and nothing else: the listing hides
 * the other topic, consuming "open" works, and producing to the other is refused with
 * librdkafka's "Topic authorization failed". An ACL granted to another principal grants bob
 * nothing.
 */
import { join } from 'node:path';
import { emptyCredentials, withUser, writeCredentials } from '@mini-kafka/broker';
import { TempDirs } from '@mini-kafka/testing';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { clientFeatures } from '../support/client-features.js';
import { kcat, kcatBinary, kcatClientName, kcatSkipReason } from '../support/kcat.js';

const brokers = new Brokers();
const feature = clientFeatures(kcatClientName, { missing: kcatSkipReason });
afterEach(() => brokers.cleanup());
const dirs = new TempDirs();
let credentialsFile: string;
beforeAll(async () => {
  credentialsFile = join(await dirs.make('mini-kafka-e2e-kcat-acls-'), 'credentials.json');
  await writeCredentials(credentialsFile, await withUser(emptyCredentials(), 'bob', 'bob-secret-password'));
});
afterAll(() => dirs.cleanup());
const asBob = [
  '-X',
  'security.protocol=SASL_PLAINTEXT',
  '-X',
  'sasl.mechanisms=SCRAM-SHA-512',
  '-X',
  'sasl.username=bob',
  '-X',
  'sasl.password=bob-secret-password',
];

describe.skipIf(kcatBinary === undefined)('kcat and ACLs', () => {
  // Lists only what it may describe, consumes what it may read, is refused what it may not write.
  feature('ACLs: hidden topics and authorization errors', async () => {
    const broker = await brokers.start({ auth: true, credentialsFile, authFailureDelayMs: 0 });
    await broker.logs.createTopic('open');
    await broker.logs.createTopic('secret');
    await broker.logs.getLog('open', 0).append([{ value: 'hello' }]);
    const readOpen = {
      host: '*',
      resourceType: 'Topic',
      resourceName: 'open',
      patternType: 'Literal',
      operation: 'Read',
      permission: 'Allow',
    } as const;
    await broker.security.acls.create([
      { ...readOpen, principal: 'User:bob' },
      { ...readOpen, resourceName: 'secret', principal: 'User:alice' },
    ]);
    const bootstrap = broker.kafkaBootstrap!;
    const listed = await kcat(['-b', bootstrap, ...asBob, '-L']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('topic "open" with 1 partitions');
    expect(listed.stdout).not.toContain('secret');

    const consumed = await kcat([
      '-b',
      bootstrap,
      ...asBob,
      '-C',
      '-t',
      'open',
      '-o',
      'beginning',
      '-e',
      '-f',
      '%s\\n',
    ]);
    expect(consumed.code).toBe(0);
    expect(consumed.stdout.trim()).toBe('hello');

    const produced = await kcat(['-b', bootstrap, ...asBob, '-P', '-t', 'secret'], 'refused\n');
    expect(produced.code).not.toBe(0);
    expect(produced.stderr).toMatch(/Topic authorization failed/i);
    expect(broker.logs.getLog('secret', 0).highWatermark).toBe(0);
  });
});
