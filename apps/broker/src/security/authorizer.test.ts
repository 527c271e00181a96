import { describe, expect, it } from 'vitest';
import { type AclBinding, CLUSTER, groupResource, topicResource } from './acl.js';
import { Authorizer, allowAll, type Session } from './authorizer.js';

const alice: Session = { principal: 'User:alice', host: '10.0.0.5' };
const bob: Session = { principal: 'User:bob', host: '10.0.0.6' };

function allow(fields: Partial<AclBinding>): AclBinding {
  return {
    principal: 'User:alice',
    host: '*',
    resourceType: 'Topic',
    resourceName: 'orders',
    patternType: 'Literal',
    operation: 'Read',
    permission: 'Allow',
    ...fields,
  };
}

function authorizer(acls: AclBinding[], options: { superUsers?: string[]; allowEveryoneIfNoAclFound?: boolean } = {}) {
  return new Authorizer(
    { all: () => acls },
    {
      enabled: true,
      superUsers: options.superUsers ?? [],
      allowEveryoneIfNoAclFound: options.allowEveryoneIfNoAclFound ?? false,
    },
  );
}

describe('Authorizer', () => {
  it('denies what no ACL grants, and grants what one does, to that principal only', () => {
    const auth = authorizer([allow({})]);
    expect(auth.authorize(alice, 'Read', topicResource('orders'))).toBe(true);
    expect(auth.authorize(alice, 'Write', topicResource('orders'))).toBe(false);
    expect(auth.authorize(alice, 'Read', topicResource('payments'))).toBe(false);
    expect(auth.authorize(bob, 'Read', topicResource('orders'))).toBe(false);
  });

  it('matches prefixed patterns, the literal wildcard and User:*', () => {
    const auth = authorizer([
      allow({ resourceName: 'logs.', patternType: 'Prefixed', operation: 'Write' }),
      allow({ principal: 'User:*', resourceType: 'Group', resourceName: '*' }),
    ]);
    expect(auth.authorize(alice, 'Write', topicResource('logs.app'))).toBe(true);
    expect(auth.authorize(alice, 'Write', topicResource('log'))).toBe(false);
    expect(auth.authorize(bob, 'Read', groupResource('any-group'))).toBe(true);
    expect(auth.authorize(bob, 'Read', topicResource('any-group'))).toBe(false);
  });

  it('lets a Deny win over any Allow, and a Deny of All deny every operation', () => {
    const auth = authorizer([
      allow({ operation: 'All' }),
      allow({ operation: 'Write', permission: 'Deny' }),
      allow({ resourceName: 'secret', operation: 'All', permission: 'Deny' }),
      allow({ resourceName: 'secret', operation: 'Read' }),
    ]);
    expect(auth.authorize(alice, 'Read', topicResource('orders'))).toBe(true);
    expect(auth.authorize(alice, 'Write', topicResource('orders'))).toBe(false);
    expect(auth.authorize(alice, 'Read', topicResource('secret'))).toBe(false);
  });

  it('implies Describe from Read, Write, Delete and Alter, and DescribeConfigs from AlterConfigs', () => {
    for (const operation of ['Read', 'Write', 'Delete', 'Alter'] as const) {
      expect(authorizer([allow({ operation })]).authorize(alice, 'Describe', topicResource('orders'))).toBe(true);
    }
    expect(authorizer([allow({ operation: 'Create' })]).authorize(alice, 'Describe', topicResource('orders'))).toBe(
      false,
    );
    const configs = authorizer([allow({ operation: 'AlterConfigs' })]);
    expect(configs.authorize(alice, 'DescribeConfigs', topicResource('orders'))).toBe(true);
    expect(configs.authorize(alice, 'Describe', topicResource('orders'))).toBe(false);
  });

  it('honours the host of a binding', () => {
    const auth = authorizer([allow({ host: '10.0.0.5' })]);
    expect(auth.authorize(alice, 'Read', topicResource('orders'))).toBe(true);
    expect(auth.authorize({ ...alice, host: '10.0.0.9' }, 'Read', topicResource('orders'))).toBe(false);
  });

  it('lets super users do anything, even against a Deny', () => {
    const auth = authorizer([allow({ principal: 'User:admin', operation: 'All', permission: 'Deny' })], {
      superUsers: ['User:admin'],
    });
    expect(auth.authorize({ principal: 'User:admin', host: 'x' }, 'Delete', topicResource('orders'))).toBe(true);
    expect(auth.authorize({ principal: 'User:admin', host: 'x' }, 'Alter', CLUSTER)).toBe(true);
  });

  it('allows a resource no ACL names only with allowEveryoneIfNoAclFound', () => {
    const open = authorizer([allow({ principal: 'User:bob' })], { allowEveryoneIfNoAclFound: true });
    expect(open.authorize(alice, 'Write', topicResource('unnamed'))).toBe(true);
    // A resource some ACL names is no longer open to everyone.
    expect(open.authorize(alice, 'Read', topicResource('orders'))).toBe(false);
    expect(authorizer([]).authorize(alice, 'Write', topicResource('unnamed'))).toBe(false);
  });

  it('allows everything when not enabled', () => {
    expect(allowAll.authorize(alice, 'Delete', CLUSTER)).toBe(true);
  });
});
