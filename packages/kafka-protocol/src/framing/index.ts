// Public surface of framing: size prefixes, headers, header versions.
export { DEFAULT_MAX_FRAME_SIZE, type ExtractedFrames, extractFrames } from './frames.js';
export {
  API_KEYS,
  type ApiName,
  FIRST_FLEXIBLE_VERSION,
  isFlexibleVersion,
  requestHeaderVersion,
  responseHeaderVersion,
} from './header-versions.js';
export {
  decodeRequestHeader,
  decodeResponseHeader,
  encodeRequestHeader,
  encodeResponseHeader,
  type RequestHeader,
} from './headers.js';
