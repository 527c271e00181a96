// Public surface of the AddOffsetsToTxn codec.
export { AddOffsetsToTxn, type AddOffsetsToTxnRequest, type AddOffsetsToTxnResponse } from './add-offsets-to-txn.js';
