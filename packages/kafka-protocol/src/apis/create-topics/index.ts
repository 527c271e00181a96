// Public surface of the CreateTopics codec.
export {
  type CreatableTopic,
  type CreatableTopicResult,
  CreateTopics,
  type CreateTopicsRequest,
  type CreateTopicsResponse,
} from './create-topics.js';
