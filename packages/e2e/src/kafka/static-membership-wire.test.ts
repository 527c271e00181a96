/**
 * Static membership (KIP-345) on the Kafka port, in raw frames over real sockets (kafkajs
 * has no group.instance.id): one connection per process, at the flexible versions
 * (JoinGroup v9, SyncGroup v5, Heartbeat v4). A process that restarts with the same
 * instance id takes over its assignment in the same generation, and the
 * old connection's member id is fenced.
 */
import type { Socket } from 'node:net';
import {
  type ApiCodec,
  decodeResponseFrame,
  encodeRequestFrame,
  Heartbeat,
  JoinGroup,
  SyncGroup,
} from '@mini-kafka/kafka-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { call } from '../support/json-call.js';
import { openKafkaSocket, roundTrip } from '../support/raw-kafka.js';

const brokers = new Brokers();
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await brokers.cleanup();
});

let correlationId = 0;
async function send<In, Out>(
  socket: Socket,
  codec: ApiCodec<unknown, unknown, In, Out>,
  version: number,
  request: In,
): Promise<Out> {
  const frame = encodeRequestFrame(codec, version, { correlationId: ++correlationId, clientId: 'raw' }, request);
  return decodeResponseFrame(codec, version, await roundTrip(socket, frame)).response;
}

describe('static membership over the wire', () => {
  it('lets a restarted instance take over with no rebalance, and fences the old connection', async () => {
    const { url, kafkaPort } = await brokers.start({ groupInitialRebalanceDelayMs: 0 });
    await call(url, 'POST', '/v1/topics', { name: 'orders', partitions: 2 });
    const open = async () => {
      const socket = await openKafkaSocket(kafkaPort);
      sockets.push(socket);
      return socket;
    };
    const join = (socket: Socket, groupInstanceId: string) =>
      send(socket, JoinGroup, 9, {
        groupId: 'g',
        sessionTimeoutMs: 10_000,
        rebalanceTimeoutMs: 10_000,
        memberId: '',
        groupInstanceId,
        protocolType: 'consumer',
        protocols: [{ name: 'range', metadata: Buffer.from('orders') }],
      });
    const sync = (socket: Socket, memberId: string, generationId: number, groupInstanceId: string, assign = false) =>
      send(socket, SyncGroup, 5, {
        groupId: 'g',
        generationId,
        memberId,
        groupInstanceId,
        protocolType: 'consumer',
        protocolName: 'range',
        assignments: assign ? [{ memberId, assignment: Buffer.from('orders-0 orders-1') }] : [],
      });
    const beat = (socket: Socket, memberId: string, generationId: number, groupInstanceId: string) =>
      send(socket, Heartbeat, 4, { groupId: 'g', generationId, memberId, groupInstanceId });

    const first = await open();
    const joined = await join(first, 'pod-1');
    expect(joined).toMatchObject({ errorCode: 0, generationId: 1, leader: joined.memberId });
    expect(await sync(first, joined.memberId, 1, 'pod-1', true)).toMatchObject({
      errorCode: 0,
      assignment: Buffer.from('orders-0 orders-1'),
    });

    // The process dies without leaving; a new one starts with the same instance id.
    const second = await open();
    const again = await join(second, 'pod-1');
    expect(again).toMatchObject({ errorCode: 0, generationId: 1, skipAssignment: true, leader: again.memberId });
    expect(await sync(second, again.memberId, 1, 'pod-1')).toMatchObject({
      errorCode: 0,
      assignment: Buffer.from('orders-0 orders-1'),
    });
    expect((await beat(second, again.memberId, 1, 'pod-1')).errorCode).toBe(0);
    // The old process, were it still alive, is told it was replaced.
    expect((await beat(first, joined.memberId, 1, 'pod-1')).errorCode).toBe(82);
    const group = (await call(url, 'GET', '/v1/groups/g')).body;
    expect(group).toMatchObject({ state: 'Stable', generationId: 1 });
    expect(group.members).toMatchObject([{ memberId: again.memberId, groupInstanceId: 'pod-1' }]);
  });
});
