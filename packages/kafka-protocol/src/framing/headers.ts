/**
 * Request and response headers.
 *
 *   RequestHeader v1  = api_key int16, api_version int16, correlation_id int32, client_id nullable string
 *   RequestHeader v2  = v1 + tagged fields
 *   ResponseHeader v0 = correlation_id int32
 *   ResponseHeader v1 = v0 + tagged fields
 *
 * client_id is always a classic (int16-prefixed) nullable string, even in header v2, so
 * any broker can read the header of any ApiVersions request. Which version applies is
 * decided by header-versions.ts. (Header v0, without client_id, is only used by
 * ControlledShutdown v0, which no client of ours sends.)
 */
import { KafkaProtocolError } from '../errors.js';
import type { Reader } from '../primitives/reader.js';
import type { Writer } from '../primitives/writer.js';

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
}

function checkHeaderVersion(version: number, allowed: readonly number[], what: string): void {
  if (!allowed.includes(version)) {
    throw new KafkaProtocolError('unsupported-version', `Unsupported ${what} version ${version}`, { version });
  }
}

export function decodeRequestHeader(reader: Reader, headerVersion: 1 | 2): RequestHeader {
  checkHeaderVersion(headerVersion, [1, 2], 'request header');
  const header: RequestHeader = {
    apiKey: reader.int16(),
    apiVersion: reader.int16(),
    correlationId: reader.int32(),
    clientId: reader.nullableString(),
  };
  if (headerVersion === 2) reader.taggedFields();
  return header;
}

export function encodeRequestHeader(writer: Writer, header: RequestHeader, headerVersion: 1 | 2): void {
  checkHeaderVersion(headerVersion, [1, 2], 'request header');
  writer.int16(header.apiKey).int16(header.apiVersion).int32(header.correlationId).nullableString(header.clientId);
  if (headerVersion === 2) writer.taggedFields();
}

export function decodeResponseHeader(reader: Reader, headerVersion: 0 | 1): { correlationId: number } {
  checkHeaderVersion(headerVersion, [0, 1], 'response header');
  const correlationId = reader.int32();
  if (headerVersion === 1) reader.taggedFields();
  return { correlationId };
}

export function encodeResponseHeader(writer: Writer, correlationId: number, headerVersion: 0 | 1): void {
  checkHeaderVersion(headerVersion, [0, 1], 'response header');
  writer.int32(correlationId);
  if (headerVersion === 1) writer.taggedFields();
}
