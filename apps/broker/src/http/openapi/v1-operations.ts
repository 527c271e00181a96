/** The route table's entries for the /v1 API: every route it serves. */
import { ACL_OPERATIONS } from './acl-operations.js';
import { CLUSTER_OPERATIONS } from './cluster-operations.js';
import { GROUP_OPERATIONS } from './group-operations.js';
import type { Operation } from './operation.js';
import { TOPIC_OPERATIONS } from './topic-operations.js';
import { TRANSACTION_OPERATIONS } from './transaction-operations.js';

export const V1_OPERATIONS: readonly Operation[] = [
  ...TOPIC_OPERATIONS,
  ...GROUP_OPERATIONS,
  ...CLUSTER_OPERATIONS,
  ...ACL_OPERATIONS,
  ...TRANSACTION_OPERATIONS,
];
