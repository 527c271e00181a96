// Public surface of the OffsetCommit codec.
export {
  OffsetCommit,
  type OffsetCommitRequest,
  type OffsetCommitRequestTopic,
  type OffsetCommitResponse,
} from './offset-commit.js';
