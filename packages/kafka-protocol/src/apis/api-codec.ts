/**
 * ApiCodec: the shape every API folder exports. One object per Kafka API holds its key,
 * its name, the version range this package implements, and four functions:
 *
 *   decodeRequest(reader, version)            -> request   (what the broker needs)
 *   encodeResponse(writer, version, response)              (what the broker needs)
 *   encodeRequest(writer, version, request)                (tests, a possible client)
 *   decodeResponse(reader, version)           -> response  (tests, a possible client)
 *
 * Bodies only: headers and size prefixes are framing's business (see ../api-frames.ts).
 * Each function refuses a version outside [minVersion, maxVersion] with a
 * KafkaProtocolError ('unsupported-version'); the broker checks the range first and
 * answers UNSUPPORTED_VERSION (35) itself.
 *
 * Decoded requests carry every field of the newest version we implement: a field the
 * request's version lacks gets the schema's default (documented per field), so handlers
 * need no version checks. Response fields that only some versions carry are optional and
 * default likewise when encoded.
 */
import { KafkaProtocolError } from '../errors.js';
import type { ApiName } from '../framing/header-versions.js';
import type { Reader } from '../primitives/reader.js';
import type { Writer } from '../primitives/writer.js';

/**
 * `Request` is what the broker decodes and `Response` what it encodes; `RequestInput`
 * (what a client encodes) and `DecodedResponse` (what it decodes) default to them.
 * Schema-described APIs (../schema/) make the inputs partial (fields a version lacks
 * may be left out) and the decoded sides complete.
 */
export interface ApiCodec<Request, Response, RequestInput = Request, DecodedResponse = Response> {
  readonly apiKey: number;
  readonly name: ApiName;
  readonly minVersion: number;
  readonly maxVersion: number;
  decodeRequest(reader: Reader, version: number): Request;
  encodeResponse(writer: Writer, version: number, response: Response): void;
  encodeRequest(writer: Writer, version: number, request: RequestInput): void;
  decodeResponse(reader: Reader, version: number): DecodedResponse;
}

/** The request type of an ApiCodec. */
export type RequestOf<C> = C extends ApiCodec<infer Request, never, never, unknown> ? Request : never;
/** What a client may encode as a request of an ApiCodec (fields a version lacks may be left out). */
export type RequestInputOf<C> = C extends { encodeRequest(w: Writer, v: number, request: infer In): void } ? In : never;
/** What a client decodes as a response of an ApiCodec. */
export type DecodedResponseOf<C> = C extends { decodeResponse(r: Reader, v: number): infer Out } ? Out : never;
/** The response type of an ApiCodec. */
export type ResponseOf<C> = C extends ApiCodec<unknown, infer Response, never, unknown> ? Response : never;

/** True when this package implements `version` of the API. */
export function supportsVersion(
  codec: { readonly minVersion: number; readonly maxVersion: number },
  version: number,
): boolean {
  return Number.isInteger(version) && version >= codec.minVersion && version <= codec.maxVersion;
}

/** Builds an ApiCodec whose four functions check the version before they run. */
export function defineApi<Request, Response, RequestInput = Request, DecodedResponse = Response>(
  spec: ApiCodec<Request, Response, RequestInput, DecodedResponse>,
): ApiCodec<Request, Response, RequestInput, DecodedResponse> {
  const check = (version: number): void => {
    if (!supportsVersion(spec, version)) {
      throw new KafkaProtocolError(
        'unsupported-version',
        `${spec.name} v${version} is not supported (v${spec.minVersion}-v${spec.maxVersion})`,
        { apiKey: spec.apiKey, version },
      );
    }
  };
  return Object.freeze({
    apiKey: spec.apiKey,
    name: spec.name,
    minVersion: spec.minVersion,
    maxVersion: spec.maxVersion,
    decodeRequest: (reader: Reader, version: number) => {
      check(version);
      return spec.decodeRequest(reader, version);
    },
    encodeResponse: (writer: Writer, version: number, response: Response) => {
      check(version);
      spec.encodeResponse(writer, version, response);
    },
    encodeRequest: (writer: Writer, version: number, request: RequestInput) => {
      check(version);
      spec.encodeRequest(writer, version, request);
    },
    decodeResponse: (reader: Reader, version: number) => {
      check(version);
      return spec.decodeResponse(reader, version);
    },
  });
}
