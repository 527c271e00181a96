// Public surface of the primitive types.
export { Reader, type TaggedField } from './reader.js';
export { Writer } from './writer.js';
export { ZERO_UUID, formatUuid, parseUuid } from './uuid.js';
