// Public surface of the OffsetFetch codec.
export {
  OffsetFetch,
  type OffsetFetchPartitionResponse,
  type OffsetFetchRequest,
  type OffsetFetchResponse,
} from './offset-fetch.js';
