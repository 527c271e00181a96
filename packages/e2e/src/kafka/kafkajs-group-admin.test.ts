/**
 * kafkajs 2.2.4's admin client on the group APIs: listGroups (ListGroups), describeGroups
 * (DescribeGroups, whose member bytes kafkajs decodes with the consumer protocol) and
 * deleteGroups (DeleteGroups), against a live kafkajs consumer group and an HTTP group.
 * kafkajs has neither static membership nor a cooperative assignor (its only built-in
 * assignor is round-robin, an eager protocol), so those are proven with librdkafka instead
 * (rdkafka-groups.test.ts) and raw frames (static-membership-wire.test.ts).
 */
import { AssignerProtocol, type Consumer, Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { eventually } from '../support/eventually.js';
import { call } from '../support/json-call.js';

const brokers = new Brokers();
const consumers: Consumer[] = [];
afterEach(async () => {
  for (const consumer of consumers.splice(0)) await consumer.disconnect().catch(() => undefined);
  await brokers.cleanup();
});

describe('kafkajs admin on consumer groups', () => {
  it('lists, describes and deletes groups of both kinds', async () => {
    const broker = await brokers.start({ groupInitialRebalanceDelayMs: 0 });
    await call(broker.url, 'POST', '/v1/topics', { name: 'orders', partitions: 2 });
    const kafka = new Kafka({ clientId: 'admin-test', brokers: [broker.kafkaBootstrap!], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: 'kafkajs-g', sessionTimeout: 10_000, heartbeatInterval: 200 });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: 'orders', fromBeginning: true });
    await consumer.run({ eachMessage: async () => undefined });
    await eventually(
      async () => (await call(broker.url, 'GET', '/v1/groups/kafkajs-g')).body.state === 'Stable',
      20_000,
      'the kafkajs group to be Stable',
    );
    await call(broker.url, 'POST', '/v1/groups/http-g/members', {
      topics: ['orders'],
      memberId: 'web-1',
      clientId: 'web',
    });
    await call(broker.url, 'POST', '/v1/groups/old-g/offsets/reset', { topic: 'orders', to: 'earliest' });

    const admin = kafka.admin();
    await admin.connect();
    try {
      const listed = await admin.listGroups();
      expect(listed.groups.sort((a, b) => a.groupId.localeCompare(b.groupId))).toEqual([
        { groupId: 'http-g', protocolType: '' },
        { groupId: 'kafkajs-g', protocolType: 'consumer' },
        { groupId: 'old-g', protocolType: '' },
      ]);

      const { groups } = await admin.describeGroups(['kafkajs-g', 'http-g', 'never']);
      const [kafkajsGroup, httpGroup, never] = groups;
      expect(kafkajsGroup).toMatchObject({
        groupId: 'kafkajs-g',
        state: 'Stable',
        protocolType: 'consumer',
        protocol: 'RoundRobinAssigner',
      });
      expect(kafkajsGroup!.members).toHaveLength(1);
      const assignment = AssignerProtocol.MemberAssignment.decode(kafkajsGroup!.members[0]!.memberAssignment);
      expect(assignment?.assignment).toEqual({ orders: [0, 1] });
      expect(httpGroup).toMatchObject({ groupId: 'http-g', state: 'Stable', protocol: 'roundrobin' });
      const httpMember = httpGroup!.members[0]!;
      expect(httpMember).toMatchObject({ memberId: 'web-1', clientId: 'web' });
      expect(AssignerProtocol.MemberMetadata.decode(httpMember.memberMetadata)?.topics).toEqual(['orders']);
      expect(AssignerProtocol.MemberAssignment.decode(httpMember.memberAssignment)?.assignment).toEqual({
        orders: [0, 1],
      });
      expect(never).toMatchObject({ groupId: 'never', state: 'Dead', members: [] });

      await expect(admin.deleteGroups(['kafkajs-g'])).rejects.toThrow();
      expect(await admin.deleteGroups(['old-g'])).toEqual([{ groupId: 'old-g', errorCode: 0 }]);
      expect((await call(broker.url, 'GET', '/v1/groups/old-g')).status).toBe(404);
    } finally {
      await admin.disconnect();
    }
  });
});
