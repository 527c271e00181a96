/**
 * What the route table says of one route of the HTTP API: its method and path, the schemas
 * of its path parameters, query, body and answers (zod schemas from @mini-kafka/protocol),
 * and the error statuses it answers with. The OpenAPI document (openapi-document.ts) and
 * the docs page are built from these entries, and the tests hold the table to the app's
 * routes and to the real answers.
 */
import type * as z from 'zod';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

/** A zod schema with the name it has in the document's components. */
export interface NamedSchema {
  name: string;
  schema: z.ZodType;
}

export function named(name: string, schema: z.ZodType): NamedSchema {
  return { name, schema };
}

/** A successful answer: JSON of a schema, the record-batch media type, or no body (204). */
export interface Answer {
  description: string;
  json?: NamedSchema;
  /** Also answered as `application/vnd.kafka.record-batch` (a fetch frame) when the request's Accept asks for it. */
  recordBatch?: boolean;
}

export interface Operation {
  method: HttpMethod;
  /** OpenAPI's form, `{name}` for a parameter: `/v1/topics/{topic}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** The query parameters, as the route parses them. */
  query?: z.ZodObject;
  /** A JSON request body; the route reads it with this schema. */
  body?: NamedSchema;
  /** The request body is RecordBatch v2 bytes (`application/vnd.kafka.record-batch`), not JSON. */
  recordBatchBody?: boolean;
  /** By status. */
  answers: Record<number, Answer>;
  /** The error statuses of this route (besides those of every route), each with when it is answered. */
  errors: Record<number, string>;
  /** The body of its errors: the /v1 API's `ErrorBody` unless given (the tutorial's routes answer their own). */
  errorBody?: NamedSchema;
}

/** The error statuses every route of both APIs may answer with. */
export const COMMON_ERRORS: Record<number, string> = {
  401: 'Authentication is on and the request carries no valid credential: a bearer token, a client certificate or a console session (SASL_AUTHENTICATION_FAILED, with `WWW-Authenticate: Bearer`).',
  403: "A cross-site browser request from an origin the broker does not allow (INVALID_REQUEST), or the caller's ACLs do not allow the operation (TOPIC_AUTHORIZATION_FAILED, GROUP_AUTHORIZATION_FAILED, CLUSTER_AUTHORIZATION_FAILED, TRANSACTIONAL_ID_AUTHORIZATION_FAILED).",
  500: 'An unexpected error, or a storage error (KAFKA_STORAGE_ERROR); the message never holds record data.',
  503: 'The broker is starting or stopping, or ran out of file descriptors (retriable).',
};
