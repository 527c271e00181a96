/**
 * kafkajs 2.2.4 against the broker with authentication on and its ACLs enforced. Until the
 * Kafka listener authenticates (SASL), every connection is User:ANONYMOUS, so the ACLs here
 * are granted to it: the admin client creates, describes and deletes ACLs over the Kafka ACL
 * APIs, and the producer and the admin see the effect at once (TOPIC_AUTHORIZATION_FAILED,
 * topics hidden from the listing). With authentication off the ACL APIs answer
 * SECURITY_DISABLED, as Kafka without an authorizer.
 */
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
import { afterEach, describe, expect } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { clientFeatures } from '../support/client-features.js';

const brokers = new Brokers();
const feature = clientFeatures('kafkajs 2.2.4');
const open: (Admin | Producer)[] = [];
afterEach(async () => {
  for (const client of open.splice(0)) await client.disconnect().catch(() => undefined);
  await brokers.cleanup();
});

const ANONYMOUS = 'User:ANONYMOUS';

function kafkaOf(bootstrap: string): Kafka {
  return new Kafka({ clientId: 'e2e-acls', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
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
  principal: ANONYMOUS,
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
  principal: ANONYMOUS,
  host: '*',
  operation: AclOperationTypes.WRITE,
  permissionType: AclPermissionTypes.ALLOW,
};

describe('kafkajs and ACLs', () => {
  // Creates an ACL with admin.createAcls, lists it with describeAcls, produces where it allows and is refused elsewhere, deletes it.
  feature('ACLs: create, describe, enforce, delete', async () => {
    const broker = await brokers.start({ auth: true });
    // Bootstrap: what a super user would have granted. ANONYMOUS may manage ACLs and create topics.
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
            principal: ANONYMOUS,
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
      { errorCode: 0, resourceName: 'allowed', operation: AclOperationTypes.WRITE, principal: ANONYMOUS },
    ]);
    expect(await admin.listTopics()).toEqual([]);
    const after = await connected(kafkaOf(broker.kafkaBootstrap!).producer({ allowAutoTopicCreation: false }));
    expect(await failureType(after.send({ topic: 'allowed', messages: [{ value: 'no' }] }))).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
  });

  // Without Alter on the cluster, createAcls is CLUSTER_AUTHORIZATION_FAILED; with auth off, SECURITY_DISABLED.
  feature('ACLs: refused without permission or without an authorizer', async () => {
    const secured = await brokers.start({ auth: true });
    const refused = await connected(kafkaOf(secured.kafkaBootstrap!).admin());
    expect(await failureType(refused.createAcls({ acl: [writeAllowed] }))).toBe('CLUSTER_AUTHORIZATION_FAILED');
    expect(secured.security.acls.all()).toEqual([]);

    const unsecured = await brokers.start();
    const admin = await connected(kafkaOf(unsecured.kafkaBootstrap!).admin());
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
