import { describe, expect, it } from 'vitest';
import type { AclBinding } from '../security/acl.js';
import { Authorizer, allowAll } from '../security/authorizer.js';
import { authorizedOperations, NOT_REQUESTED } from './authorized-operations.js';

/** The operation codes set in a field. */
const codes = (field: number): number[] =>
  Array.from({ length: 32 }, (_, bit) => bit).filter((bit) => (field >>> bit) & 1);

const alice = { principal: 'User:alice', host: '127.0.0.1' };

describe('authorized operations', () => {
  it("with authentication off, grants what Kafka without an authorizer grants: each resource type's supported operations", () => {
    // READ 3, WRITE 4, CREATE 5, DELETE 6, ALTER 7, DESCRIBE 8, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11
    expect(codes(authorizedOperations(allowAll, alice, 'topic', 'orders', true))).toEqual([3, 4, 5, 6, 7, 8, 10, 11]);
    expect(codes(authorizedOperations(allowAll, alice, 'group', 'billing', true))).toEqual([3, 6, 8]);
    // CREATE 5, ALTER 7, DESCRIBE 8, CLUSTER_ACTION 9, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11, IDEMPOTENT_WRITE 12
    expect(codes(authorizedOperations(allowAll, alice, 'cluster', '', true))).toEqual([5, 7, 8, 9, 10, 11, 12]);
  });

  it('with authentication on, sets only what the session may do (Read implies Describe)', () => {
    const acls: AclBinding[] = [
      {
        principal: 'User:alice',
        host: '*',
        resourceType: 'Topic',
        resourceName: 'ord',
        patternType: 'Prefixed',
        operation: 'Read',
        permission: 'Allow',
      },
    ];
    const authorizer = new Authorizer(
      { all: () => acls },
      { enabled: true, superUsers: ['User:admin'], allowEveryoneIfNoAclFound: false },
    );
    expect(codes(authorizedOperations(authorizer, alice, 'topic', 'orders', true))).toEqual([3, 8]);
    expect(codes(authorizedOperations(authorizer, alice, 'topic', 'payments', true))).toEqual([]);
    expect(codes(authorizedOperations(authorizer, alice, 'cluster', '', true))).toEqual([]);
    const admin = { principal: 'User:admin', host: '127.0.0.1' };
    expect(codes(authorizedOperations(authorizer, admin, 'group', 'any', true))).toEqual([3, 6, 8]);
  });

  it('answers "not requested" when the client did not ask', () => {
    expect(authorizedOperations(allowAll, alice, 'topic', 'orders', false)).toBe(NOT_REQUESTED);
    expect(NOT_REQUESTED).toBe(-(2 ** 31));
  });
});
