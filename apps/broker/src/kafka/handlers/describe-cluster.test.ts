import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOT_REQUESTED } from '../authorized-operations.js';
import { ADVERTISED, handlerContext, serve, type TestHandlerContext } from '../testing/handler-context.js';
import { describeClusterHandler } from './describe-cluster.js';

let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext();
});
afterEach(() => ctx.close());

describe('DescribeCluster', () => {
  it('answers the cluster id, the controller and the one broker at the advertised address', async () => {
    for (const version of [0, 1]) {
      const answer = await serve(ctx, describeClusterHandler, version, {
        includeClusterAuthorizedOperations: false,
        endpointType: 1,
      });
      expect(answer).toMatchObject({
        errorCode: 0,
        clusterId: 'mini-kafka',
        controllerId: 0,
        brokers: [{ brokerId: 0, host: ADVERTISED.host, port: ADVERTISED.port, rack: null }],
      });
    }
  });

  it('answers the authorized operations when asked for, and "not requested" otherwise', async () => {
    const ask = (includeClusterAuthorizedOperations: boolean) =>
      serve(ctx, describeClusterHandler, 1, { includeClusterAuthorizedOperations, endpointType: 1 });
    expect((await ask(true)).clusterAuthorizedOperations).toBe(0b1_1111_1010_0000 /* every cluster operation */);
    expect((await ask(false)).clusterAuthorizedOperations).toBe(NOT_REQUESTED);
  });

  it('refuses to describe controllers (v1 endpoint type 2)', async () => {
    const answer = await serve(ctx, describeClusterHandler, 1, {
      includeClusterAuthorizedOperations: false,
      endpointType: 2,
    });
    expect(answer).toMatchObject({ errorCode: 114, endpointType: 2, brokers: [] });
  });
});
