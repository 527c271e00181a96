// Public surface of framing: size prefixes, headers, header versions.
export { DEFAULT_MAX_FRAME_SIZE, extractFrames, type ExtractedFrames } from './frames.js';
export {
  API_KEYS,
  FIRST_FLEXIBLE_VERSION,
  isFlexibleVersion,
  requestHeaderVersion,
  responseHeaderVersion,
  type ApiName,
} from './header-versions.js';
export {
  decodeRequestHeader,
  decodeResponseHeader,
  encodeRequestHeader,
  encodeResponseHeader,
  type RequestHeader,
} from './headers.js';
