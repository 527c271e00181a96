import { RECORD_BATCH_MEDIA_TYPE } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { buildOpenApiDocument } from './openapi-document.js';
import { named, type Operation } from './operation.js';
import { ROUTE_TABLE } from './route-table.js';

const document = buildOpenApiDocument(ROUTE_TABLE);

describe('the OpenAPI document', () => {
  it('describes requests as they are read: defaulted fields optional, query numbers with their bounds', () => {
    expect(document.components.schemas.CreateTopicRequest).toMatchObject({
      type: 'object',
      required: ['name'],
      properties: { partitions: { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    });
    // No default in the schema: without a count the broker's --default-partitions decides.
    expect(JSON.stringify(document.components.schemas.CreateTopicRequest)).not.toContain('"default":1');
    const fetch = document.paths['/v1/topics/{topic}/partitions/{partition}/records']!.get!;
    expect(fetch.parameters.find((p) => p.name === 'offset')).toMatchObject({
      in: 'query',
      required: true,
      schema: { type: 'integer', minimum: 0 },
    });
    expect(fetch.parameters.find((p) => p.name === 'maxRecords')).toMatchObject({
      required: false,
      schema: { type: 'integer', default: 500, minimum: 1 },
    });
    expect(fetch.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(['topic', 'partition']);
    // A body that may be empty (`{}` is valid) is optional.
    expect(document.paths['/v1/topics/{topic}/configs']!.patch!.requestBody?.required).toBe(false);
    expect(document.paths['/v1/topics']!.post!.requestBody?.required).toBe(true);
  });

  it('describes answers as they are written: closed objects, nullable fields', () => {
    expect(document.components.schemas.OffsetLookupResponse).toEqual({
      type: 'object',
      properties: {
        offset: { type: 'integer', minimum: expect.any(Number), maximum: expect.any(Number) },
        timestamp: {
          anyOf: [{ type: 'integer', minimum: expect.any(Number), maximum: expect.any(Number) }, { type: 'null' }],
        },
      },
      required: ['offset', 'timestamp'],
      additionalProperties: false,
    });
  });

  it('offers the record-batch media type where the routes take or answer it, without a schema', () => {
    const produce = document.paths['/v1/topics/{topic}/partitions/{partition}/records']!.post!;
    expect(produce.requestBody?.content).toEqual({ [RECORD_BATCH_MEDIA_TYPE]: {} });
    expect(produce.requestBody?.description).toMatch(/RecordBatch v2/);
    for (const path of [
      '/v1/topics/{topic}/partitions/{partition}/records',
      '/v1/groups/{group}/members/{member}/records',
    ]) {
      const ok = document.paths[path]!.get!.responses['200']!;
      expect(Object.keys(ok.content ?? {})).toEqual(['application/json', RECORD_BATCH_MEDIA_TYPE]);
      expect(ok.description).toMatch(/fetch frame/);
    }
  });

  it("answers every error of every route with its API's error body", () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      const body = path.startsWith('/v1/') ? 'ErrorBody' : 'TutorialErrorBody';
      for (const operation of Object.values(methods)) {
        const errors = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
        expect(errors.map(([status]) => status)).toEqual(expect.arrayContaining(['403', '500', '503']));
        for (const [, response] of errors) {
          expect(response.content?.['application/json']?.schema).toEqual({ $ref: `#/components/schemas/${body}` });
        }
      }
    }
    expect(document.components.schemas.ErrorBody).toMatchObject({ required: ['error'] });
    expect(document.components.schemas.TutorialErrorBody).toMatchObject({ required: ['detail'] });
  });

  it("tags the tutorial's routes apart, each operation with an id of its own", () => {
    const create = document.paths['/topics/{topic}/create']!.post!;
    expect(create.tags).toEqual(['Tutorial']);
    expect(create.parameters.find((p) => p.name === 'num_partitions')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1 },
    });
    const ids = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ROUTE_TABLE.length);
  });

  it('refuses a table with a route twice, one name for two schemas, or a path parameter it has no schema for', () => {
    const route: Operation = { method: 'get', path: '/v1/x', tag: 'T', summary: 's', answers: {}, errors: {} };
    expect(() => buildOpenApiDocument([route, route])).toThrow(/twice/);
    const answering = (schema: z.ZodType): Operation => ({
      ...route,
      path: `/v1/${Math.random()}`,
      answers: { 200: { description: 'd', json: named('Same', schema) } },
    });
    expect(() => buildOpenApiDocument([answering(z.string()), answering(z.number())])).toThrow(/Two schemas/);
    expect(() => buildOpenApiDocument([{ ...route, path: '/v1/x/{nope}' }])).toThrow(/nope/);
  });
});
