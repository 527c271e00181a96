// Public surface of the EndTxn codec.
export { EndTxn, type EndTxnRequest, type EndTxnResponse } from './end-txn.js';
