// The Kafka ACL APIs (DescribeAcls, CreateAcls, DeleteAcls) over real codecs: SECURITY_DISABLED
// with authentication off, CLUSTER_AUTHORIZATION_FAILED without Alter/Describe on the cluster,
// INVALID_REQUEST per bad creation or filter while the others apply, and the bindings durable.
import { nodeFileSystem } from '@mini-kafka/storage';
import { afterEach, describe, expect, it } from 'vitest';
import { AclStore } from '../../security/acl-store.js';
import { callHandler, handlerContext, serve, type TestHandlerContext } from '../testing/handler-context.js';
import { createAclsHandler } from './create-acls.js';
import { deleteAclsHandler } from './delete-acls.js';
import { describeAclsHandler } from './describe-acls.js';

let ctx: TestHandlerContext | undefined;
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

const admin = { principal: 'User:admin' };
const alice = { principal: 'User:alice' };

/** alice may Read topics starting "ord" (Topic 2, Prefixed 4, Read 3, Allow 3). */
const readOrders = {
  resourceType: 2,
  resourceName: 'ord',
  resourcePatternType: 4,
  principal: 'User:alice',
  host: '*',
  operation: 3,
  permissionType: 3,
};

const anything = {
  resourceTypeFilter: 1,
  resourceNameFilter: null,
  patternTypeFilter: 1,
  principalFilter: null,
  hostFilter: null,
  operation: 1,
  permissionType: 1,
};

describe('the Kafka ACL APIs', () => {
  it('answer SECURITY_DISABLED (54) with authentication off, as Kafka without an authorizer', async () => {
    ctx = await handlerContext();
    expect((await serve(ctx, describeAclsHandler, 1, anything)).errorCode).toBe(54);
    expect((await serve(ctx, createAclsHandler, 1, { creations: [readOrders] })).results).toMatchObject([
      { errorCode: 54 },
    ]);
    expect((await serve(ctx, deleteAclsHandler, 1, { filters: [anything] })).filterResults).toMatchObject([
      { errorCode: 54 },
    ]);
  });

  it('create, describe (grouped by resource) and delete, for a super user; durable across a restart', async () => {
    ctx = await handlerContext({ onDisk: true, config: { auth: true, superUsers: ['User:admin'] } });
    const created = await serve(
      ctx,
      createAclsHandler,
      2,
      { creations: [readOrders, { ...readOrders, operation: 8 }, { ...readOrders, principal: 'alice' }] },
      admin,
    );
    expect(created.results.map((r) => r.errorCode)).toEqual([0, 0, 42]);
    expect(created.results[2]?.errorMessage).toMatch(/principal must be User:/);
    const described = await serve(ctx, describeAclsHandler, 3, anything, admin);
    expect(described).toMatchObject({ errorCode: 0, errorMessage: null });
    expect(described.resources).toEqual([
      {
        resourceType: 2,
        resourceName: 'ord',
        patternType: 4,
        acls: [
          { principal: 'User:alice', host: '*', operation: 3, permissionType: 3 },
          { principal: 'User:alice', host: '*', operation: 8, permissionType: 3 },
        ],
      },
    ]);
    // v0 knows only literal patterns: its filter selects none of the prefixed bindings.
    expect((await serve(ctx, describeAclsHandler, 0, { ...anything, patternTypeFilter: 3 }, admin)).resources).toEqual(
      [],
    );
    // A match filter selects the bindings that apply to a name.
    const applying = await serve(
      ctx,
      describeAclsHandler,
      1,
      { ...anything, resourceTypeFilter: 2, resourceNameFilter: 'orders', patternTypeFilter: 2 },
      admin,
    );
    expect(applying.resources[0]?.acls).toHaveLength(2);
    expect(
      ctx.security.authorizer.authorize({ principal: 'User:alice', host: '127.0.0.1' }, 'Read', {
        type: 'Topic',
        name: 'orders',
      }),
    ).toBe(true);

    const deleted = await serve(
      ctx,
      deleteAclsHandler,
      2,
      {
        filters: [
          { ...anything, operation: 8 },
          { ...anything, resourceTypeFilter: 99 },
        ],
      },
      admin,
    );
    expect(deleted.filterResults[0]).toMatchObject({
      errorCode: 0,
      matchingAcls: [{ errorCode: 0, resourceType: 2, resourceName: 'ord', patternType: 4, operation: 8 }],
    });
    expect(deleted.filterResults[1]).toMatchObject({ errorCode: 42, matchingAcls: [] });
    expect(ctx.security.acls.all()).toHaveLength(1);
    // What a restarted broker reads back from the data directory.
    const reopened = await AclStore.open({ dataDir: ctx.config.dataDir, fs: nodeFileSystem });
    expect(reopened.all()).toEqual([
      {
        principal: 'User:alice',
        host: '*',
        resourceType: 'Topic',
        resourceName: 'ord',
        patternType: 'Prefixed',
        operation: 'Read',
        permission: 'Allow',
      },
    ]);
  });

  it('refuse principals without Describe or Alter on the cluster (31), and allow those with them', async () => {
    ctx = await handlerContext({ config: { auth: true, superUsers: ['User:admin'] } });
    expect((await serve(ctx, describeAclsHandler, 1, anything, alice)).errorCode).toBe(31);
    expect((await serve(ctx, createAclsHandler, 1, { creations: [readOrders] }, alice)).results).toMatchObject([
      { errorCode: 31 },
    ]);
    expect((await serve(ctx, deleteAclsHandler, 1, { filters: [anything] }, alice)).filterResults).toMatchObject([
      { errorCode: 31 },
    ]);
    // Describe on the cluster lets alice list the ACLs, not change them.
    await ctx.security.acls.create([
      {
        principal: 'User:alice',
        host: '*',
        resourceType: 'Cluster',
        resourceName: 'kafka-cluster',
        patternType: 'Literal',
        operation: 'Describe',
        permission: 'Allow',
      },
    ]);
    expect((await serve(ctx, describeAclsHandler, 1, anything, alice)).resources).toHaveLength(1);
    expect((await serve(ctx, createAclsHandler, 1, { creations: [readOrders] }, alice)).results[0]?.errorCode).toBe(31);
  });

  it('refuse creations Kafka refuses: "any" codes, match patterns, a prefixed *, a misnamed cluster', async () => {
    ctx = await handlerContext({ config: { auth: true, superUsers: ['User:admin'] } });
    const answer = await callHandler(
      createAclsHandler,
      ctx,
      1,
      {
        creations: [
          { ...readOrders, operation: 1 },
          { ...readOrders, resourcePatternType: 2 },
          { ...readOrders, resourceName: '*' },
          { ...readOrders, resourceType: 4, resourceName: 'other', resourcePatternType: 3 },
          { ...readOrders, permissionType: 1 },
        ],
      },
      admin,
    );
    expect(answer?.results.map((r) => r.errorCode)).toEqual([42, 42, 42, 42, 42]);
    expect(ctx.security.acls.all()).toEqual([]);
  });
});
