// Public surface of the DescribeLogDirs codec.
export {
  DescribeLogDirs,
  type DescribeLogDirsRequest,
  type DescribeLogDirsResponse,
  type DescribeLogDirsResult,
} from './describe-log-dirs.js';
