// Public surface of the ListTransactions codec.
export {
  ListTransactions,
  type ListTransactionsRequest,
  type ListTransactionsResponse,
} from './list-transactions.js';
