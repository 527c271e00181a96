// Public surface of the DescribeGroups codec.
export {
  AUTHORIZED_OPERATIONS_UNKNOWN,
  DescribeGroups,
  type DescribeGroupsRequest,
  type DescribeGroupsResponse,
} from './describe-groups.js';
