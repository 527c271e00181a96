import { describe, expect, it } from 'vitest';
import { type AclBinding, aclProblem, filterMatches } from './acl.js';

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
