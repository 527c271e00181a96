import type { AclBinding as ProtocolAclBinding } from '@mini-kafka/protocol';
import * as protocol from '@mini-kafka/protocol';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ACL_OPERATIONS,
  ACL_PERMISSIONS,
  type AclBinding,
  aclProblem,
  filterMatches,
  PATTERN_TYPES,
  RESOURCE_TYPES,
} from './acl.js';

const binding: AclBinding = {
  principal: 'User:alice',
  host: '*',
  resourceType: 'Topic',
  resourceName: 'logs.',
  patternType: 'Prefixed',
  operation: 'Read',
  permission: 'Allow',
};

describe('ACL filters', () => {
  it('select by each field, absent fields matching anything', () => {
    expect(filterMatches({}, binding)).toBe(true);
    expect(filterMatches({ principal: 'User:alice', operation: 'Read' }, binding)).toBe(true);
    expect(filterMatches({ principal: 'User:bob' }, binding)).toBe(false);
    expect(filterMatches({ resourceName: 'logs.', patternType: 'Prefixed' }, binding)).toBe(true);
    expect(filterMatches({ resourceName: 'logs.', patternType: 'Literal' }, binding)).toBe(false);
    expect(filterMatches({ permission: 'Deny' }, binding)).toBe(false);
  });

  it('with Match, select the bindings that apply to a resource name', () => {
    expect(filterMatches({ resourceType: 'Topic', resourceName: 'logs.app', patternType: 'Match' }, binding)).toBe(
      true,
    );
    expect(filterMatches({ resourceType: 'Topic', resourceName: 'other', patternType: 'Match' }, binding)).toBe(false);
    expect(filterMatches({ resourceType: 'Group', resourceName: 'logs.app', patternType: 'Match' }, binding)).toBe(
      false,
    );
  });
});

describe('aclProblem', () => {
  it('accepts a well-formed binding and names what is wrong with a bad one', () => {
    expect(aclProblem(binding)).toBeUndefined();
    expect(aclProblem({ ...binding, principal: 'alice' })).toMatch(/principal/);
    expect(aclProblem({ ...binding, resourceName: '' })).toMatch(/resource name/);
    expect(aclProblem({ ...binding, resourceName: '*' })).toMatch(/prefixed/);
    expect(aclProblem({ ...binding, resourceType: 'Cluster', resourceName: 'x', patternType: 'Literal' })).toMatch(
      /kafka-cluster/,
    );
  });
});

describe('the ACL model', () => {
  it('is the one the HTTP API documents (@mini-kafka/protocol)', () => {
    expectTypeOf<ProtocolAclBinding>().toEqualTypeOf<AclBinding>();
    expect(protocol.RESOURCE_TYPES).toEqual(RESOURCE_TYPES);
    expect(protocol.PATTERN_TYPES).toEqual(PATTERN_TYPES);
    expect(protocol.ACL_OPERATIONS).toEqual(ACL_OPERATIONS);
    expect(protocol.ACL_PERMISSIONS).toEqual(ACL_PERMISSIONS);
  });
});
