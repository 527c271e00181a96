// Public surface of the DescribeAcls codec.
export {
  DescribeAcls,
  type DescribeAclsRequest,
  type DescribeAclsResource,
  type DescribeAclsResponse,
  PATTERN_LITERAL,
} from './describe-acls.js';
