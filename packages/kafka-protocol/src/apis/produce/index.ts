// Public surface of the Produce codec.
export {
  Produce,
  type ProducePartitionResponse,
  type ProduceRequest,
  type ProduceRequestTopic,
  type ProduceResponse,
  type ProduceResponseTopic,
} from './produce.js';
