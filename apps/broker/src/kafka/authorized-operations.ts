/**
 * Authorized operations, as Metadata (v8+), DescribeGroups (v3+) and DescribeCluster
 * answer them when the client asks: a 32-bit field with bit n set for Kafka's AclOperation
 * code n. Without an authorizer Kafka grants every operation its resource type supports
 * (AuthHelper.authorizedOperations), and so does Mini Kafka until ACLs exist. A request
 * that does not ask gets Kafka's "not requested" value, -2^31.
 */

/** Kafka's AclOperation codes (org.apache.kafka.common.acl.AclOperation). */
const READ = 3;
const WRITE = 4;
const CREATE = 5;
const DELETE = 6;
const ALTER = 7;
const DESCRIBE = 8;
const CLUSTER_ACTION = 9;
const DESCRIBE_CONFIGS = 10;
const ALTER_CONFIGS = 11;
const IDEMPOTENT_WRITE = 12;

export const NOT_REQUESTED = -2147483648;

/** The operations each resource type supports (Kafka's AclEntry.supportedOperations; groups without group configs). */
const SUPPORTED = {
  topic: [READ, WRITE, CREATE, DESCRIBE, DELETE, ALTER, DESCRIBE_CONFIGS, ALTER_CONFIGS],
  group: [READ, DESCRIBE, DELETE],
  cluster: [CREATE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS, IDEMPOTENT_WRITE, ALTER, DESCRIBE],
} as const;

export type AuthorizableResource = keyof typeof SUPPORTED;

/** Bit n for each operation code n. */
function bitField(operations: readonly number[]): number {
  return operations.reduce((bits, operation) => bits | (1 << operation), 0);
}

const GRANTED: Record<AuthorizableResource, number> = {
  topic: bitField(SUPPORTED.topic),
  group: bitField(SUPPORTED.group),
  cluster: bitField(SUPPORTED.cluster),
};

/** The field for a resource of type `resource`, or NOT_REQUESTED when the client did not ask. */
export function authorizedOperations(resource: AuthorizableResource, requested: boolean): number {
  return requested ? GRANTED[resource] : NOT_REQUESTED;
}
