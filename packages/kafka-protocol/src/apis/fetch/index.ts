// Public surface of the Fetch codec.
export {
  Fetch,
  type FetchRequest,
  type FetchRequestPartition,
  type FetchRequestTopic,
  type FetchResponse,
  type FetchResponsePartition,
  type FetchResponseTopic,
} from './fetch.js';
