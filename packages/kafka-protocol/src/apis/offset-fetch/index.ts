// Public surface of the OffsetFetch codec.
export {
  OffsetFetch,
  type OffsetFetchPartitionResponse,
  type OffsetFetchRequest,
  type OffsetFetchRequestGroup,
  type OffsetFetchResponse,
  type OffsetFetchResponseGroup,
} from './offset-fetch.js';
