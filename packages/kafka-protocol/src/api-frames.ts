/**
 * Whole frames of an API call: size prefix, header and body together, for the broker's
 * read and write paths (and a client's, for tests).
 *
 *   request frame  (as extractFrames yields it, size prefix removed) = request header v1|v2, body
 *   response frame (as written to the socket)                        = int32 size, response header v0|v1, body
 *
 * A response frame comes as one buffer, or as chunks in which record sets are not copied.
 *
 * Decoding a request is two steps on purpose: the header first (so the broker learns the
 * correlation id, API key and version even when it cannot or will not decode the body),
 * then the body with the codec the broker picked for that key and version.
 */
import type { ApiCodec } from './apis/api-codec.js';
import { requestHeaderVersion, responseHeaderVersion } from './framing/header-versions.js';
import {
  decodeRequestHeader,
  decodeResponseHeader,
  encodeRequestHeader,
  encodeResponseHeader,
  type RequestHeader,
} from './framing/headers.js';
import { Reader } from './primitives/reader.js';
import { Writer } from './primitives/writer.js';

export interface RequestFrame {
  header: RequestHeader;
  /** 1 or 2, decided by the API key and version (flexible versions use 2). */
  headerVersion: 1 | 2;
  /** Positioned at the first byte of the body. */
  body: Reader;
}

/** Decodes the header of a request frame (without its size prefix). */
export function decodeRequestFrame(frame: Buffer): RequestFrame {
  const body = new Reader(frame);
  // Peek api_key and api_version: they decide the header version.
  const peek = new Reader(frame, 0, Math.min(frame.length, 4));
  const headerVersion = requestHeaderVersion(peek.int16(), peek.int16());
  const header = decodeRequestHeader(body, headerVersion);
  return { header, headerVersion, body };
}

/** Encodes a response as a complete frame: size prefix, header (v0/v1 as the API requires), body. */
export function encodeResponseFrame<Response>(
  codec: ApiCodec<unknown, Response, unknown, unknown>,
  version: number,
  correlationId: number,
  response: Response,
): Buffer {
  return responseWriter(codec, version, correlationId, response).toBuffer();
}

/**
 * The same frame as chunks to write out in order (a socket's writev): the encoded fields, and
 * the record sets' bytes as they were given, not copied (so they must not change until written).
 */
export function encodeResponseFrameChunks<Response>(
  codec: ApiCodec<unknown, Response, unknown, unknown>,
  version: number,
  correlationId: number,
  response: Response,
): Buffer[] {
  return responseWriter(codec, version, correlationId, response).toChunks();
}

function responseWriter<Response>(
  codec: ApiCodec<unknown, Response, unknown, unknown>,
  version: number,
  correlationId: number,
  response: Response,
): Writer {
  const writer = new Writer(512);
  writer.int32(0);
  encodeResponseHeader(writer, correlationId, responseHeaderVersion(codec.apiKey, version));
  codec.encodeResponse(writer, version, response);
  return writer.setInt32(0, writer.size - 4);
}

/** Encodes a request as a complete frame (size prefix, header v1/v2, body). */
export function encodeRequestFrame<RequestInput>(
  codec: ApiCodec<unknown, unknown, RequestInput, unknown>,
  version: number,
  header: { correlationId: number; clientId: string | null },
  request: RequestInput,
): Buffer {
  const writer = new Writer(512);
  writer.int32(0);
  const full: RequestHeader = { apiKey: codec.apiKey, apiVersion: version, ...header };
  encodeRequestHeader(writer, full, requestHeaderVersion(codec.apiKey, version));
  codec.encodeRequest(writer, version, request);
  return writer.setInt32(0, writer.size - 4).toBuffer();
}

/** Decodes a response frame (without its size prefix) of a request sent with `codec` at `version`. */
export function decodeResponseFrame<DecodedResponse>(
  codec: ApiCodec<unknown, unknown, unknown, DecodedResponse>,
  version: number,
  frame: Buffer,
): { correlationId: number; response: DecodedResponse } {
  const reader = new Reader(frame);
  const { correlationId } = decodeResponseHeader(reader, responseHeaderVersion(codec.apiKey, version));
  return { correlationId, response: codec.decodeResponse(reader, version) };
}
