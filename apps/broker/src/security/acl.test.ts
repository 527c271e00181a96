import type { AclBinding as ProtocolAclBinding } from '@mini-kafka/protocol';
import * as protocol from '@mini-kafka/protocol';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ACL_OPERATIONS, ACL_PERMISSIONS, type AclBinding, PATTERN_TYPES, RESOURCE_TYPES } from './acl.js';

describe('the ACL model', () => {
  it('is the one the HTTP API documents (@mini-kafka/protocol)', () => {
    expectTypeOf<ProtocolAclBinding>().toEqualTypeOf<AclBinding>();
    expect(protocol.RESOURCE_TYPES).toEqual(RESOURCE_TYPES);
    expect(protocol.PATTERN_TYPES).toEqual(PATTERN_TYPES);
    expect(protocol.ACL_OPERATIONS).toEqual(ACL_OPERATIONS);
    expect(protocol.ACL_PERMISSIONS).toEqual(ACL_PERMISSIONS);
  });
});
