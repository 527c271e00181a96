// Errors: every codec throws KafkaProtocolError (a MiniKafkaError of type INVALID_REQUEST).
export { KafkaProtocolError, isKafkaProtocolError, type KafkaProtocolErrorReason } from './errors.js';

// Primitive types.
export { Reader, Writer, ZERO_UUID, type TaggedField } from './primitives/index.js';

// Framing and headers.
export * from './framing/index.js';

// Whole messages: what a broker's read and write paths call.
export {
  decodeRequestFrame,
  decodeResponseFrame,
  encodeRequestFrame,
  encodeResponseFrame,
  type RequestFrame,
} from './messages.js';

// One codec per API, and the table the ApiVersions answer is derived from.
export * from './apis/index.js';

// The consumer protocol embedded in JoinGroup / SyncGroup.
export * from './consumer-protocol/index.js';
