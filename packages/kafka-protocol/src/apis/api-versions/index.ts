// Public surface of the ApiVersions codec.
export {
  type ApiVersionRange,
  ApiVersions,
  type ApiVersionsRequest,
  type ApiVersionsResponse,
} from './api-versions.js';
