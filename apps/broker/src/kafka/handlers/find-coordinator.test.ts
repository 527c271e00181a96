import { COORDINATOR_KEY_TYPE } from '@mini-kafka/kafka-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ADVERTISED, type GroupHandlerWorld, groupHandlerWorld, serve } from '../testing/group-world.js';
import { findCoordinatorHandler } from './find-coordinator.js';

let world: GroupHandlerWorld;
afterEach(() => world.close());

describe('FindCoordinator handler', () => {
  it('names this broker, at its advertised address, as every group coordinator', async () => {
    world = await groupHandlerWorld();
    for (const version of [0, 1, 2, 3]) {
      const answer = await serve(world.ctx, findCoordinatorHandler, version, {
        key: 'any-group',
        keyType: COORDINATOR_KEY_TYPE.group,
      });
      expect(answer).toMatchObject({ errorCode: 0, nodeId: 0, host: ADVERTISED.host, port: ADVERTISED.port });
    }
  });

  it('names this broker as the transaction coordinator of every transactional id', async () => {
    world = await groupHandlerWorld();
    const answer = await serve(world.ctx, findCoordinatorHandler, 1, {
      key: 'tx-1',
      keyType: COORDINATOR_KEY_TYPE.transaction,
    });
    expect(answer).toMatchObject({ errorCode: 0, nodeId: 0, host: ADVERTISED.host, port: ADVERTISED.port });
  });

  it('answers a coordinator per key from v4, each with its own code', async () => {
    world = await groupHandlerWorld();
    const groups = await serve(world.ctx, findCoordinatorHandler, 4, {
      keyType: COORDINATOR_KEY_TYPE.group,
      coordinatorKeys: ['a', 'b'],
    });
    expect(groups.coordinators).toEqual(
      ['a', 'b'].map((key) => ({
        key,
        nodeId: 0,
        host: ADVERTISED.host,
        port: ADVERTISED.port,
        errorCode: 0,
        errorMessage: null,
      })),
    );
    const transactions = await serve(world.ctx, findCoordinatorHandler, 4, {
      keyType: COORDINATOR_KEY_TYPE.transaction,
      coordinatorKeys: ['tx-1'],
    });
    expect(transactions.coordinators).toMatchObject([{ key: 'tx-1', errorCode: 0, nodeId: 0 }]);
    const unknown = await serve(world.ctx, findCoordinatorHandler, 4, { keyType: 7, coordinatorKeys: ['x'] });
    expect(unknown.coordinators).toMatchObject([{ key: 'x', errorCode: 42 }]);
  });
});
