import { describe, expect, it } from 'vitest';
import { authorizedOperations, NOT_REQUESTED } from './authorized-operations.js';

/** The operation codes set in a field. */
const codes = (field: number): number[] =>
  Array.from({ length: 32 }, (_, bit) => bit).filter((bit) => (field >>> bit) & 1);

describe('authorized operations', () => {
  it("grants what Kafka without an authorizer grants: each resource type's supported operations", () => {
    // READ 3, WRITE 4, CREATE 5, DELETE 6, ALTER 7, DESCRIBE 8, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11
    expect(codes(authorizedOperations('topic', true))).toEqual([3, 4, 5, 6, 7, 8, 10, 11]);
    expect(codes(authorizedOperations('group', true))).toEqual([3, 6, 8]);
    // CREATE 5, ALTER 7, DESCRIBE 8, CLUSTER_ACTION 9, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11, IDEMPOTENT_WRITE 12
    expect(codes(authorizedOperations('cluster', true))).toEqual([5, 7, 8, 9, 10, 11, 12]);
  });

  it('answers "not requested" when the client did not ask', () => {
    expect(authorizedOperations('topic', false)).toBe(NOT_REQUESTED);
    expect(NOT_REQUESTED).toBe(-(2 ** 31));
  });
});
