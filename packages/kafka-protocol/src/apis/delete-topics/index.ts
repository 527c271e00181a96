// Public surface of the DeleteTopics codec.
export {
  type DeletableTopicResult,
  DeleteTopics,
  type DeleteTopicsRequest,
  type DeleteTopicsResponse,
} from './delete-topics.js';
