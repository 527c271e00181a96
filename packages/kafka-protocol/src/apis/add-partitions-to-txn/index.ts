// Public surface of the AddPartitionsToTxn codec.
export {
  AddPartitionsToTxn,
  type AddPartitionsToTxnRequest,
  type AddPartitionsToTxnResponse,
} from './add-partitions-to-txn.js';
