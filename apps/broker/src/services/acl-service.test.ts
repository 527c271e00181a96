// The ACL service both listeners and the CLI manage ACLs through: SECURITY_DISABLED with
// authentication off, Describe or Alter on the cluster, all-or-nothing validation.
import { systemClock } from '@mini-kafka/protocol/core';
import { nodeFileSystem } from '@mini-kafka/storage';
import { describe, expect, it } from 'vitest';
import { brokerConfigSchema } from '../config/broker-config.js';
import type { AclBinding } from '../security/acl.js';
import { openSecurity } from '../security/security.js';
import { createAcls, deleteAcls, describeAcls } from './acl-service.js';

const securityWith = (auth: boolean) =>
  openSecurity(
    brokerConfigSchema.parse({ inMemory: true, logLevel: 'silent', auth, superUsers: ['User:admin'] }),
    nodeFileSystem,
    systemClock,
  );

const admin = { principal: 'User:admin', host: '127.0.0.1' };
const alice = { principal: 'User:alice', host: '127.0.0.1' };

const readOrders: AclBinding = {
  principal: 'User:alice',
  host: '*',
  resourceType: 'Topic',
  resourceName: 'orders',
  patternType: 'Literal',
  operation: 'Read',
  permission: 'Allow',
};

/** The error type a call throws. */
async function refusal(call: () => unknown): Promise<string | undefined> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return (error as { type?: string }).type;
  }
}

describe('the ACL service', () => {
  it('is SECURITY_DISABLED with authentication off, for everyone', async () => {
    const security = await securityWith(false);
    expect(await refusal(() => describeAcls(security, admin, {}))).toBe('SECURITY_DISABLED');
    expect(await refusal(() => createAcls(security, admin, [readOrders]))).toBe('SECURITY_DISABLED');
    expect(await refusal(() => deleteAcls(security, admin, [{}]))).toBe('SECURITY_DISABLED');
  });

  it('lets a super user create, describe and delete; refuses others without Describe/Alter on the cluster', async () => {
    const security = await securityWith(true);
    expect(await refusal(() => createAcls(security, alice, [readOrders]))).toBe('CLUSTER_AUTHORIZATION_FAILED');
    expect(await refusal(() => describeAcls(security, alice, {}))).toBe('CLUSTER_AUTHORIZATION_FAILED');
    await createAcls(security, admin, [readOrders]);
    expect(describeAcls(security, admin, { principal: 'User:alice' })).toEqual([readOrders]);
    expect(await refusal(() => deleteAcls(security, alice, [{}]))).toBe('CLUSTER_AUTHORIZATION_FAILED');
    expect(await deleteAcls(security, admin, [{ operation: 'Write' }, { resourceName: 'orders' }])).toEqual([
      [],
      [readOrders],
    ]);
    expect(security.acls.all()).toEqual([]);
  });

  it('refuses a batch with a bad binding (INVALID_REQUEST), adding none of it', async () => {
    const security = await securityWith(true);
    const bad = { ...readOrders, resourceType: 'Cluster' as const, resourceName: 'other' };
    expect(await refusal(() => createAcls(security, admin, [readOrders, bad]))).toBe('INVALID_REQUEST');
    expect(security.acls.all()).toEqual([]);
  });
});
