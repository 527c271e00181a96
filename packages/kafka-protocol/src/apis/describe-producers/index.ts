// Public surface of the DescribeProducers codec.
export {
  DescribeProducers,
  type DescribeProducersRequest,
  type DescribeProducersResponse,
} from './describe-producers.js';
