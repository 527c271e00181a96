// Public surface of the TxnOffsetCommit codec.
export { TxnOffsetCommit, type TxnOffsetCommitRequest, type TxnOffsetCommitResponse } from './txn-offset-commit.js';
