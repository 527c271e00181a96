// Public surface of the ListOffsets codec.
export {
  LIST_OFFSETS_EARLIEST,
  LIST_OFFSETS_LATEST,
  LIST_OFFSETS_MAX_TIMESTAMP,
  ListOffsets,
  type ListOffsetsPartitionResponse,
  type ListOffsetsRequest,
  type ListOffsetsResponse,
} from './list-offsets.js';
