// Public surface of the IncrementalAlterConfigs codec.
export {
  IncrementalAlterConfigs,
  type IncrementalAlterConfigsRequest,
  type IncrementalAlterConfigsResponse,
} from './incremental-alter-configs.js';
