// Public surface of the primitive types.
export { Reader, type TaggedField } from './reader.js';
export { formatUuid, parseUuid, ZERO_UUID } from './uuid.js';
export { type RecordSet, Writer } from './writer.js';
