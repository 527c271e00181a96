// Public surface of the DescribeCluster codec.
export {
  DescribeCluster,
  type DescribeClusterRequest,
  type DescribeClusterResponse,
} from './describe-cluster.js';
