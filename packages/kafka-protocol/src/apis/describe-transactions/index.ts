// Public surface of the DescribeTransactions codec.
export {
  DescribeTransactions,
  type DescribeTransactionsRequest,
  type DescribeTransactionsResponse,
} from './describe-transactions.js';
