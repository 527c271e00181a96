/**
 * The OpenAPI 3.1 document of the HTTP API, built from the route table (route-table.ts: the
 * /v1 API and the tutorial's routes):
 * every schema in it is converted by zod (`z.toJSONSchema`, JSON Schema 2020-12, the dialect
 * of OpenAPI 3.1) from the schema the route parses its input with or answers with: request
 * bodies, query and path parameters as their input (fields with defaults optional), answers as
 * their output. Named schemas go under `components.schemas`; every error is the route's error
 * body (the /v1 API's, or the tutorial's `{"detail"}`).
 * The record-batch media type is described in words, not as a schema: its bytes are not JSON.
 */
import { RECORD_BATCH_MEDIA_TYPE } from '@mini-kafka/protocol';
import { errorBody } from '@mini-kafka/protocol/http-responses';
import * as z from 'zod';
import { type Answer, COMMON_ERRORS, type NamedSchema, type Operation } from './operation.js';
import { PATH_PARAMETERS } from './path-parameters.js';

export type JsonSchema = { [key: string]: unknown };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiMediaType {
  schema?: JsonSchema;
}

export interface OpenApiResponse {
  description: string;
  content?: Record<string, OpenApiMediaType>;
}

export interface OpenApiOperation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  parameters: OpenApiParameter[];
  requestBody?: { required: boolean; description?: string; content: Record<string, OpenApiMediaType> };
  responses: Record<string, OpenApiResponse>;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, { type: 'http'; scheme: 'bearer'; description: string }>;
  };
  /** Either a bearer token or nothing (a broker with authentication off, or a client certificate). */
  security: Record<string, string[]>[];
}

const TAGS = [
  { name: 'Topics', description: 'Create, describe, change and delete topics.' },
  { name: 'Records', description: 'Produce and fetch records, as JSON or as RecordBatch v2 bytes.' },
  { name: 'Groups', description: 'Consumer groups: join, heartbeat, fetch from positions, leave.' },
  { name: 'Offsets', description: "A group's committed offsets." },
  { name: 'Cluster', description: 'The broker, its configs and its data directory.' },
  { name: 'Producers', description: 'What an idempotent producer needs before it produces.' },
  { name: 'Security', description: "Kafka's ACLs, and who the broker takes the caller for." },
  {
    name: 'Transactions',
    description: "Kafka's transactions: the transactional ids, and the producers a partition remembers.",
  },
  {
    name: 'Tutorial',
    description:
      'The routes of the tutorial design Mini Kafka grew from, outside /v1: query parameters in, snake_case JSON out, `{"detail"}` on errors.',
  },
];

const RECORD_BATCH_BODY =
  'Whole Kafka RecordBatch v2 batches, back to back, as `application/vnd.kafka.record-batch` ' +
  '(packages/protocol/docs/binary-transport.md).';
const FETCH_FRAME =
  'With `Accept: application/vnd.kafka.record-batch[; version=1][; codecs="gzip,zstd"]`: a fetch frame ' +
  '(big-endian: int8 version, int32 generationId, int8 flags (bit 0: rebalanceRequired), int32 partition count, ' +
  'then per partition: topic, partition, [version 1: error code and message], fetchOffset, nextOffset, ' +
  'highWatermark, logStartOffset, and the stored RecordBatch v2 batches; see ' +
  'packages/protocol/docs/binary-transport.md). Errors are JSON whatever was asked for.';

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...converted } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return converted;
}

/** The pipe under optional and default wrappers (`z.coerce.number().pipe(z.int())`), if there is one. */
function pipeOf(schema: z.ZodType): z.core.$ZodPipeDef | undefined {
  let def = schema._zod.def;
  while (def.type === 'optional' || def.type === 'default') def = (def as z.core.$ZodOptionalDef).innerType._zod.def;
  return def.type === 'pipe' ? (def as z.core.$ZodPipeDef) : undefined;
}

/**
 * A query parameter's schema. A number is coerced from the query's text and then checked (an
 * integer, its bounds): its input converts to a bare `number`, so the checks are described instead.
 */
function queryParameterSchema(field: z.ZodType): JsonSchema {
  const input = toJsonSchema(field, 'input');
  const pipe = pipeOf(field);
  if (pipe === undefined || input.type !== 'number') return input;
  const checked = toJsonSchema(pipe.out as z.ZodType, 'output');
  return input.default === undefined ? checked : { ...checked, default: input.default };
}

function parametersOf(operation: Operation): OpenApiParameter[] {
  const path = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]): OpenApiParameter => {
    const known = PATH_PARAMETERS[name!];
    if (known === undefined) throw new Error(`No schema for the path parameter {${name}} of ${operation.path}`);
    return {
      name: name!,
      in: 'path',
      required: true,
      description: known.description,
      schema: toJsonSchema(known.schema, 'input'),
    };
  });
  const query = operation.query;
  if (query === undefined) return path;
  const required = new Set((toJsonSchema(query, 'input').required as string[] | undefined) ?? []);
  const fields = Object.entries(query.shape as Record<string, z.ZodType>);
  return [
    ...path,
    ...fields.map(([name, field]) => ({
      name,
      in: 'query' as const,
      required: required.has(name),
      schema: queryParameterSchema(field),
    })),
  ];
}

/** The document's named schemas: each name stands for one zod schema, converted once. */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};
  private readonly sources = new Map<string, { schema: z.ZodType; io: 'input' | 'output' }>();

  ref({ name, schema }: NamedSchema, io: 'input' | 'output'): JsonSchema {
    const known = this.sources.get(name);
    if (known === undefined) {
      this.sources.set(name, { schema, io });
      this.schemas[name] = toJsonSchema(schema, io);
    } else if (known.schema !== schema || known.io !== io) {
      throw new Error(`Two schemas are named ${name}`);
    }
    return { $ref: `#/components/schemas/${name}` };
  }
}

function answerOf(answer: Answer, components: Components): OpenApiResponse {
  const content: Record<string, OpenApiMediaType> = {};
  if (answer.json !== undefined) content['application/json'] = { schema: components.ref(answer.json, 'output') };
  if (answer.recordBatch) content[RECORD_BATCH_MEDIA_TYPE] = {};
  const description = answer.recordBatch ? `${answer.description} ${FETCH_FRAME}` : answer.description;
  return Object.keys(content).length === 0 ? { description } : { description, content };
}

function operationId(operation: Operation): string {
  const words = operation.path
    .replace(/^\/v1\//, '')
    .replace(/^\/topics\//, 'tutorial/topics/')
    .split(/[/{}-]+/)
    .filter((word) => word.length > 0);
  return [operation.method, ...words]
    .map((word, i) => (i === 0 ? word : word[0]!.toUpperCase() + word.slice(1)))
    .join('');
}

export function buildOpenApiDocument(operations: readonly Operation[]): OpenApiDocument {
  const components = new Components();
  const v1Error = { name: 'ErrorBody', schema: errorBody };
  const paths: OpenApiDocument['paths'] = {};
  for (const operation of operations) {
    const responses: Record<string, OpenApiResponse> = {};
    for (const [status, answer] of Object.entries(operation.answers)) responses[status] = answerOf(answer, components);
    for (const [status, description] of Object.entries({ ...operation.errors, ...COMMON_ERRORS })) {
      const error = components.ref(operation.errorBody ?? v1Error, 'output');
      responses[status] = { description, content: { 'application/json': { schema: error } } };
    }
    const entry: OpenApiOperation = {
      operationId: operationId(operation),
      tags: [operation.tag],
      summary: operation.summary,
      ...(operation.description !== undefined && { description: operation.description }),
      parameters: parametersOf(operation),
      responses,
    };
    if (operation.body !== undefined) {
      entry.requestBody = {
        // An empty body reads as `{}`: the body is optional when `{}` is a valid request.
        required: !operation.body.schema.safeParse({}).success,
        content: { 'application/json': { schema: components.ref(operation.body, 'input') } },
      };
    } else if (operation.recordBatchBody) {
      entry.requestBody = {
        required: true,
        description: RECORD_BATCH_BODY,
        content: { [RECORD_BATCH_MEDIA_TYPE]: {} },
      };
    }
    paths[operation.path] ??= {};
    if (paths[operation.path]![operation.method] !== undefined) {
      throw new Error(`${operation.method.toUpperCase()} ${operation.path} is in the route table twice`);
    }
    paths[operation.path]![operation.method] = entry;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mini Kafka HTTP API',
      version: 'v1',
      description:
        'The HTTP API of a Mini Kafka broker: the /v1 API, whose errors are `{"error":{"code","name","message"}}` ' +
        "with Kafka's error code and name, and the tutorial's routes. Generated from the broker's route table and " +
        'the zod schemas of @mini-kafka/protocol.',
    },
    tags: TAGS,
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            "An API token of the broker's credentials file (`mini-kafka token create`), needed when the broker runs with `--auth`; a TLS client certificate also authenticates.",
        },
      },
    },
    security: [{ bearer: [] }, {}],
  };
}
