// Public surface of the DescribeConfigs codec.
export {
  DescribeConfigs,
  type DescribeConfigsRequest,
  type DescribeConfigsResourceResult,
  type DescribeConfigsResponse,
  type DescribeConfigsResult,
} from './describe-configs.js';
