// Public surface of the OffsetDelete codec.
export { OffsetDelete, type OffsetDeleteRequest, type OffsetDeleteResponse } from './offset-delete.js';
