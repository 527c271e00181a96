export { crc32 } from './crc32.js';
export { DEFAULT_MAX_INFLATED_BYTES, type DecodeLegacyOptions, decodeLegacyMessageSet } from './legacy-decode.js';
export { type EncodeLegacyResult, encodeLegacyMessageSet, type LegacyRecordInput } from './legacy-encode.js';
export {
  LEGACY_MAGIC_OFFSET,
  type LegacyMagic,
  type LegacyRecord,
  legacyMessageSize,
} from './legacy-message.js';
export { NO_TIMESTAMP, upConvertLegacyRecords } from './up-convert.js';
