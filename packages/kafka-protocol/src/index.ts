// Errors: every codec throws KafkaProtocolError (a MiniKafkaError of type INVALID_REQUEST).

// Whole frames (size prefix, header, body): what a broker's read and write paths call.
export {
  decodeRequestFrame,
  decodeResponseFrame,
  encodeRequestFrame,
  encodeResponseFrame,
  encodeResponseFrameChunks,
  type RequestFrame,
} from './api-frames.js';
// One codec per API, and the table the ApiVersions answer is derived from.
export * from './apis/index.js';
// The consumer protocol embedded in JoinGroup / SyncGroup.
export * from './consumer-protocol/index.js';
export { isKafkaProtocolError, KafkaProtocolError, type KafkaProtocolErrorReason } from './errors.js';
// Framing and headers.
export * from './framing/index.js';
// Primitive types.
export { Reader, type RecordSet, type TaggedField, Writer, ZERO_UUID } from './primitives/index.js';
