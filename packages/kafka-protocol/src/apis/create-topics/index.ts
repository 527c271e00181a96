// Public surface of the CreateTopics codec.
export {
  CreateTopics,
  type CreatableTopic,
  type CreatableTopicResult,
  type CreateTopicsRequest,
  type CreateTopicsResponse,
} from './create-topics.js';
