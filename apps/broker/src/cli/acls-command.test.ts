/**
 * `mini-kafka acls` and `mini-kafka whoami` through the built binary against a real broker
 * with authentication on, its tokens made with `mini-kafka tokens create`: adding, listing
 * and removing ACLs as a super user, the refusals (exit 4) of a principal without them, and
 * SECURITY_DISABLED from a broker with authentication off. Needs the broker's HTTP security
 * (issue 12's HTTP side).
 */
import { join } from 'node:path';
import { TempDirs } from '@mini-kafka/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { runMiniKafka } from './testing/run-binary.js';

const dirs = new TempDirs();
let broker: Broker;
let credentialsFile: string;
let asAdmin: { env: Record<string, string> };
let asAlice: { env: Record<string, string> };

async function token(principal: string): Promise<string> {
  const created = await runMiniKafka([
    'tokens',
    'create',
    '--principal',
    principal,
    '--credentials-file',
    credentialsFile,
  ]);
  expect(created.code).toBe(0);
  return created.stdout.trim();
}

beforeAll(async () => {
  credentialsFile = join(await dirs.make('mini-kafka-cli-acls-'), 'credentials.json');
  const [admin, alice] = [await token('User:admin'), await token('User:alice')];
  broker = await createBroker({
    inMemory: true,
    port: 0,
    kafkaPort: -1,
    logLevel: 'silent',
    auth: true,
    credentialsFile,
    superUsers: ['User:admin'],
    authFailureDelayMs: 0,
  });
  asAdmin = { env: { MINI_KAFKA_URL: broker.url, MINI_KAFKA_TOKEN: admin } };
  asAlice = { env: { MINI_KAFKA_URL: broker.url, MINI_KAFKA_TOKEN: alice } };
});
afterAll(async () => {
  await broker.close();
  await dirs.cleanup();
});

describe('mini-kafka whoami', () => {
  it('names the principal of the token', async () => {
    expect(await runMiniKafka(['whoami'], asAdmin)).toEqual({
      code: 0,
      stdout: 'User:admin (authenticated, super user)\n',
      stderr: '',
    });
    expect(JSON.parse((await runMiniKafka(['whoami', '--json'], asAlice)).stdout)).toEqual({
      principal: 'User:alice',
      authenticated: true,
      superUser: false,
    });
  });

  it('exits 4 without a valid token', async () => {
    const result = await runMiniKafka(['whoami', '--token', `mk_0123456789abcdef_${'A'.repeat(43)}`], {
      env: { MINI_KAFKA_URL: broker.url },
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^mini-kafka whoami: SASL_AUTHENTICATION_FAILED: /);
    expect(result.stderr).not.toContain('A'.repeat(43));
  });
});

describe('mini-kafka acls', () => {
  it('adds, lists and removes ACLs; alice gets what they allow', async () => {
    expect((await runMiniKafka(['topics', 'create', 'orders-eu'], asAdmin)).code).toBe(0);
    expect((await runMiniKafka(['topics', 'list'], asAlice)).stdout).not.toContain('orders-eu');

    const added = await runMiniKafka(
      [
        'acls',
        'add',
        '--principal',
        'User:alice',
        '--operation',
        'read',
        '--operation',
        'Describe',
        '--topic',
        'orders-',
        '--prefixed',
      ],
      asAdmin,
    );
    expect(added).toEqual({
      code: 0,
      stdout:
        'Added 2 ACLs\n' +
        'PRINCIPAL   HOST  RESOURCE       PATTERN   OPERATION  PERMISSION\n' +
        'User:alice  *     Topic:orders-  Prefixed  Read       Allow\n' +
        'User:alice  *     Topic:orders-  Prefixed  Describe   Allow\n',
      stderr: '',
    });
    await runMiniKafka(
      ['acls', 'add', '--principal', 'User:alice', '--operation', 'Read', '--group', 'billing'],
      asAdmin,
    );
    await runMiniKafka(
      ['acls', 'add', '--principal', 'User:mallory', '--operation', 'All', '--cluster', '--deny', '--host', '10.0.0.9'],
      asAdmin,
    );

    const list = JSON.parse(
      (await runMiniKafka(['acls', 'list', '--principal', 'User:alice', '--json'], asAdmin)).stdout,
    );
    expect(list.acls).toHaveLength(3);
    const matching = JSON.parse(
      (
        await runMiniKafka(
          ['acls', 'list', '--topic', 'orders-eu', '--resource-pattern-type', 'match', '--json'],
          asAdmin,
        )
      ).stdout,
    );
    expect(matching.acls.map((acl: { operation: string }) => acl.operation).sort()).toEqual(['Describe', 'Read']);
    const denied = await runMiniKafka(['acls', 'list', '--permission', 'deny'], asAdmin);
    expect(denied.stdout).toContain('User:mallory  10.0.0.9  Cluster:kafka-cluster  Literal  All        Deny');

    expect((await runMiniKafka(['topics', 'list'], asAlice)).stdout).toContain('orders-eu');

    const removed = await runMiniKafka(
      ['acls', 'remove', '--principal', 'User:alice', '--group', 'billing', '--json'],
      asAdmin,
    );
    expect(JSON.parse(removed.stdout).deleted).toEqual([
      {
        principal: 'User:alice',
        host: '*',
        resourceType: 'Group',
        resourceName: 'billing',
        patternType: 'Literal',
        operation: 'Read',
        permission: 'Allow',
      },
    ]);
    const none = await runMiniKafka(['acls', 'remove', '--principal', 'User:nobody'], asAdmin);
    expect(none).toEqual({ code: 0, stdout: 'Removed 0 ACLs\n', stderr: '' });
  });

  it('exits 4 when alice manages ACLs or deletes a topic she may not', async () => {
    const list = await runMiniKafka(['acls', 'list'], asAlice);
    expect(list.code).toBe(4);
    expect(list.stderr).toMatch(/^mini-kafka acls list: CLUSTER_AUTHORIZATION_FAILED: /);
    const deleted = await runMiniKafka(['topics', 'delete', 'orders-eu'], asAlice);
    expect(deleted.code).toBe(4);
    expect(deleted.stderr).toMatch(/_AUTHORIZATION_FAILED: /);
  });

  it('exits 2 for flags that do not make an ACL', async () => {
    const noResource = await runMiniKafka(['acls', 'add', '--principal', 'User:a', '--operation', 'Read'], asAdmin);
    expect(noResource.code).toBe(2);
    expect(noResource.stderr).toContain('name a resource');
    const twoResources = await runMiniKafka(
      ['acls', 'add', '--principal', 'User:a', '--operation', 'Read', '--topic', 't', '--group', 'g'],
      asAdmin,
    );
    expect(twoResources.code).toBe(2);
    const badOperation = await runMiniKafka(
      ['acls', 'add', '--principal', 'User:a', '--operation', 'Fly', '--topic', 't'],
      asAdmin,
    );
    expect(badOperation.code).toBe(2);
    expect(badOperation.stderr).toContain('--operation takes All, Read, Write');
    expect((await runMiniKafka(['acls', 'remove'], asAdmin)).code).toBe(2);
  });

  it('exits 1 with SECURITY_DISABLED against a broker with authentication off', async () => {
    const open = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent' });
    try {
      const result = await runMiniKafka(['acls', 'list', '--url', open.url]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^mini-kafka acls list: SECURITY_DISABLED: /);
    } finally {
      await open.close();
    }
  });
});
