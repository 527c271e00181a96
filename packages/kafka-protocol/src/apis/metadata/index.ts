// Public surface of the Metadata codec.
export {
  Metadata,
  type MetadataBroker,
  type MetadataPartition,
  type MetadataRequest,
  type MetadataResponse,
  type MetadataTopic,
} from './metadata.js';
