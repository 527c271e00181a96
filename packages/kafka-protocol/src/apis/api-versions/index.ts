// Public surface of the ApiVersions codec.
export { ApiVersions, type ApiVersionRange, type ApiVersionsRequest, type ApiVersionsResponse } from './api-versions.js';
