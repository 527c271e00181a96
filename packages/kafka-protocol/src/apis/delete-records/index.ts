// Public surface of the DeleteRecords codec.
export {
  DeleteRecords,
  type DeleteRecordsRequest,
  type DeleteRecordsResponse,
  type DeleteRecordsTopicResult,
} from './delete-records.js';
