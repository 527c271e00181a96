/**
 * kafkajs 2.2.4 against the broker with authentication on and its ACLs enforced. Every
 * client authenticates as alice (SASL SCRAM-SHA-256), who is no super user, so the ACLs here
 * are granted to User:alice: the admin client creates, describes and deletes ACLs over the
 * Kafka ACL APIs, and the producer and the admin see the effect at once
 * (TOPIC_AUTHORIZATION_FAILED, topics hidden from the listing). With authentication off the
 * ACL APIs answer SECURITY_DISABLED, as Kafka without an authorizer.
 */

import { join } from 'node:path';
import { emptyCredentials, withUser, writeCredentials } from '@mini-kafka/broker';
import { TempDirs } from '@mini-kafka/testing';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  type Admin,
  Kafka,
  logLevel,
  type Producer,
  ResourcePatternTypes,
} from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { clientFeatures } from '../support/client-features.js';

const brokers = new Brokers();
const feature = clientFeatures('kafkajs 2.2.4');
const open: (Admin | Producer)[] = [];
afterEach(async () => {
  for (const client of open.splice(0)) await client.disconnect().catch(() => undefined);
  await brokers.cleanup();
});

const ALICE = 'User:alice';
const PASSWORD = 'alice-secret-password';
const dirs = new TempDirs();
let credentialsFile: string;
beforeAll(async () => {
  credentialsFile = join(await dirs.make('mini-kafka-e2e-acls-'), 'credentials.json');
  await writeCredentials(credentialsFile, await withUser(emptyCredentials(), 'alice', PASSWORD));
});
afterAll(() => dirs.cleanup());

/** A broker with authentication on (SASL_PLAINTEXT) where alice may log in. */
const secured = () => brokers.start({ auth: true, credentialsFile, authFailureDelayMs: 0 });

/** A kafkajs client; logged in as alice unless `anonymous` (a broker with authentication off). */
function kafkaOf(bootstrap: string, anonymous = false): Kafka {
  return new Kafka({
    clientId: 'e2e-acls',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    ...(anonymous ? {} : { sasl: { mechanism: 'scram-sha-256' as const, username: 'alice', password: PASSWORD } }),
  });
}

async function connected<T extends Admin | Producer>(client: T): Promise<T> {
  open.push(client);
  await client.connect();
  return client;
}

/** The Kafka error type kafkajs rejects with (the first of an aggregate). */
async function failureType(promise: Promise<unknown>): Promise<string> {
  const error = (await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { type?: string; errors?: { type?: string }[]; cause?: { type?: string } } | undefined;
  expect(error, 'expected kafkajs to throw').toBeDefined();
  // A non-retriable failure comes wrapped, the Kafka error as its cause.
  return error!.type ?? error!.cause?.type ?? error!.errors?.[0]?.type ?? String(error);
}

const onCluster = (operation: 'Alter' | 'Describe' | 'Create') => ({
  principal: ALICE,
  host: '*',
  resourceType: 'Cluster' as const,
  resourceName: 'kafka-cluster',
  patternType: 'Literal' as const,
  operation,
  permission: 'Allow' as const,
});

const writeAllowed = {
  resourceType: AclResourceTypes.TOPIC,
  resourceName: 'allowed',
  resourcePatternType: ResourcePatternTypes.LITERAL,
  principal: ALICE,
  host: '*',
  operation: AclOperationTypes.WRITE,
  permissionType: AclPermissionTypes.ALLOW,
};

describe('kafkajs and ACLs', () => {
  // Creates an ACL with admin.createAcls, lists it with describeAcls, produces where it allows and is refused elsewhere, deletes it.
  feature('ACLs: create, describe, enforce, delete', async () => {
    const broker = await secured();
    // Bootstrap: what a super user would have granted. Alice may manage ACLs and create topics.
    await broker.security.acls.create([onCluster('Alter'), onCluster('Describe'), onCluster('Create')]);
    const admin = await connected(kafkaOf(broker.kafkaBootstrap!).admin());
    // Create on the cluster is not Describe: kafkajs must not wait to see the leaders.
    await admin.createTopics({ topics: [{ topic: 'allowed' }, { topic: 'secret' }], waitForLeaders: false });

    await admin.createAcls({ acl: [writeAllowed] });
    const described = await admin.describeAcls({
      resourceType: AclResourceTypes.TOPIC,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    expect(described.resources).toEqual([
      {
        resourceType: AclResourceTypes.TOPIC,
        resourceName: 'allowed',
        resourcePatternType: ResourcePatternTypes.LITERAL,
        acls: [
          {
            principal: ALICE,
            host: '*',
            operation: AclOperationTypes.WRITE,
            permissionType: AclPermissionTypes.ALLOW,
          },
        ],
      },
    ]);

    // Write implies Describe: the listing shows "allowed" only.
    expect(await admin.listTopics()).toEqual(['allowed']);
    const producer = await connected(kafkaOf(broker.kafkaBootstrap!).producer({ allowAutoTopicCreation: false }));
    const sent = await producer.send({ topic: 'allowed', messages: [{ value: 'ok' }] });
    expect(sent[0]).toMatchObject({ topicName: 'allowed', errorCode: 0, baseOffset: '0' });
    expect(await failureType(producer.send({ topic: 'secret', messages: [{ value: 'no' }] }))).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    // Nothing reached the refused topic.
    expect(broker.logs.getLog('secret', 0).highWatermark).toBe(0);

    const deleted = await admin.deleteAcls({
      filters: [
        {
          resourceType: AclResourceTypes.TOPIC,
          resourceName: 'allowed',
          resourcePatternType: ResourcePatternTypes.LITERAL,
          operation: AclOperationTypes.ANY,
          permissionType: AclPermissionTypes.ANY,
        },
      ],
    });
    expect(deleted.filterResponses[0]?.matchingAcls).toMatchObject([
      { errorCode: 0, resourceName: 'allowed', operation: AclOperationTypes.WRITE, principal: ALICE },
    ]);
    expect(await admin.listTopics()).toEqual([]);
    const after = await connected(kafkaOf(broker.kafkaBootstrap!).producer({ allowAutoTopicCreation: false }));
    expect(await failureType(after.send({ topic: 'allowed', messages: [{ value: 'no' }] }))).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
  });

  // Without Alter on the cluster, createAcls is CLUSTER_AUTHORIZATION_FAILED; with auth off, SECURITY_DISABLED.
  feature('ACLs: refused without permission or without an authorizer', async () => {
    const refusing = await secured();
    const refused = await connected(kafkaOf(refusing.kafkaBootstrap!).admin());
    expect(await failureType(refused.createAcls({ acl: [writeAllowed] }))).toBe('CLUSTER_AUTHORIZATION_FAILED');
    expect(refusing.security.acls.all()).toEqual([]);

    const unsecured = await brokers.start();
    const admin = await connected(kafkaOf(unsecured.kafkaBootstrap!, true).admin());
    expect(
      await failureType(
        admin.describeAcls({
          resourceType: AclResourceTypes.ANY,
          resourcePatternType: ResourcePatternTypes.ANY,
          operation: AclOperationTypes.ANY,
          permissionType: AclPermissionTypes.ANY,
        }),
      ),
    ).toBe('SECURITY_DISABLED');
  });
});
