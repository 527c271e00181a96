/**
 * defineSchemaApi: an ApiCodec from the field descriptions of an API's request and
 * response. Versions are compiled on first use and kept; flexibility comes from the one
 * table of first flexible versions (../framing/header-versions.ts), so the body and the
 * header always agree.
 *
 * `normalizeRequest` lets an API smooth over a version quirk once, after decoding (a
 * Metadata v0 empty topic list means "all topics"), so handlers see one meaning.
 */
import { type ApiCodec, defineApi } from '../apis/api-codec.js';
import { API_KEYS, type ApiName, isFlexibleVersion } from '../framing/header-versions.js';
import type { Reader } from '../primitives/reader.js';
import type { Writer } from '../primitives/writer.js';
import { type CompiledBody, compileBody } from './compile.js';
import type { Fields, Message, MessageInput } from './fields.js';

export interface SchemaApiSpec<Req extends Fields, Res extends Fields> {
  name: ApiName;
  minVersion: number;
  maxVersion: number;
  request: Req;
  response: Res;
  normalizeRequest?: (request: Message<Req>, version: number) => Message<Req>;
}

/** The codec of a schema-described API: what it decodes is complete, what it encodes may leave fields out. */
export type SchemaApi<Req extends Fields, Res extends Fields> = ApiCodec<
  Message<Req>,
  MessageInput<Res>,
  MessageInput<Req>,
  Message<Res>
>;

function versionCache(fields: Fields, apiKey: number, name: string): (version: number) => CompiledBody {
  const compiled = new Map<number, CompiledBody>();
  return (version) => {
    let body = compiled.get(version);
    if (body === undefined) {
      body = compileBody(fields, version, isFlexibleVersion(apiKey, version), name);
      compiled.set(version, body);
    }
    return body;
  };
}

export function defineSchemaApi<const Req extends Fields, const Res extends Fields>(
  spec: SchemaApiSpec<Req, Res>,
): SchemaApi<Req, Res> {
  const apiKey = API_KEYS[spec.name];
  const request = versionCache(spec.request, apiKey, `${spec.name}Request`);
  const response = versionCache(spec.response, apiKey, `${spec.name}Response`);
  const normalize = spec.normalizeRequest ?? ((value: Message<Req>) => value);
  return defineApi<Message<Req>, MessageInput<Res>, MessageInput<Req>, Message<Res>>({
    apiKey,
    name: spec.name,
    minVersion: spec.minVersion,
    maxVersion: spec.maxVersion,
    decodeRequest: (reader: Reader, version: number) =>
      normalize(request(version).decode(reader) as Message<Req>, version),
    encodeRequest: (writer: Writer, version: number, value: MessageInput<Req>) =>
      request(version).encode(writer, value as Record<string, unknown>),
    encodeResponse: (writer: Writer, version: number, value: MessageInput<Res>) =>
      response(version).encode(writer, value as Record<string, unknown>),
    decodeResponse: (reader: Reader, version: number) => response(version).decode(reader) as Message<Res>,
  });
}
