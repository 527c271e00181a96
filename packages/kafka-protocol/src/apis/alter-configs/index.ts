// Public surface of the AlterConfigs codec.
export {
  AlterConfigs,
  type AlterConfigsRequest,
  type AlterConfigsResourceResponse,
  type AlterConfigsResponse,
} from './alter-configs.js';
