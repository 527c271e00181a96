import { request as httpRequest } from 'node:http';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createLogger } from '../logger.js';
import type { Env } from './app-context.js';
import { answerErrors, v1Errors } from './errors.js';
import type { HttpServer } from './http-server.js';
import { parseQuery, readJson } from './read-body.js';
import { send, serveApp } from './testing/serve-app.js';

const LIMIT = 1024;
const body = z.object({ name: z.string(), count: z.number().int().default(1) });

function bodyApp(): Hono<Env> {
  const app = new Hono<Env>();
  app.onError(answerErrors(v1Errors, createLogger('silent')));
  app.post('/echo', async (c) => c.json(await readJson(c, body, LIMIT)));
  app.get('/query', (c) => c.json(parseQuery(z.object({ n: z.coerce.number().int().min(0) }), c.req.query())));
  return app;
}

let http: HttpServer;
beforeAll(async () => {
  http = await serveApp(bodyApp());
});
afterAll(() => http.stop());

/** Posts `chunks` with chunked transfer encoding (no content-length), as a streaming client does. */
function postChunked(chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${http.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('readJson', () => {
  it('parses and validates a JSON body; an empty body counts as {}', async () => {
    expect(await send(`${http.url}/echo`, 'POST', { name: 'a', count: 3 })).toMatchObject({
      status: 200,
      body: { name: 'a', count: 3 },
    });
    const empty = await send(`${http.url}/echo`, 'POST');
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/^Invalid request body: name: /);
  });

  it('refuses a body that does not say it is JSON with 415, and takes application/json and +json types', async () => {
    const post = (contentType: string | undefined) =>
      fetch(`${http.url}/echo`, {
        method: 'POST',
        body: Buffer.from(JSON.stringify({ name: 'a' })), // a string body would be labelled text/plain
        headers: contentType === undefined ? {} : { 'content-type': contentType },
      });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const refused = await post(contentType);
      expect(refused.status, contentType).toBe(415);
      expect(((await refused.json()) as { error: unknown }).error).toMatchObject({
        name: 'INVALID_REQUEST',
        message: /Content-Type: application\/json/,
      });
    }
    for (const contentType of [
      'application/json',
      'Application/JSON; charset=utf-8',
      'application/merge-patch+json',
      undefined, // read as JSON, as FastAPI does
    ]) {
      expect((await post(contentType)).status, contentType).toBe(200);
    }
  });

  it('refuses a body that is not UTF-8 with 400, instead of reading U+FFFD into it', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const answer = await fetch(`${http.url}/echo`, {
      method: 'POST',
      body: bytes,
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: unknown }).error).toMatchObject({
      name: 'INVALID_REQUEST',
      message: 'Request body is not valid UTF-8',
    });
  });

  it('refuses a body over the limit with 413, by its declared length or as it streams in', async () => {
    const declared = await send(`${http.url}/echo`, 'POST', { name: 'x'.repeat(LIMIT) });
    expect(declared.status).toBe(413);
    expect(declared.body.error).toEqual({
      code: 18,
      name: 'RECORD_LIST_TOO_LARGE',
      message: `Request body is larger than the limit of ${LIMIT} bytes`,
      details: { limit: LIMIT },
    });
    const streamed = await postChunked(['{"name":"', 'y'.repeat(600), 'y'.repeat(600), '"}']);
    expect(streamed.status).toBe(413);
    expect(streamed.body).not.toContain('yyyy');
    const small = await postChunked(['{"name":', '"ok"}']);
    expect(JSON.parse(small.body)).toEqual({ name: 'ok', count: 1 });
  });

  it('answers malformed JSON with a 400 that names the problem, not the payload', async () => {
    const answer = await send(`${http.url}/echo`, 'POST', '{"name": "secret-4111", ');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({ code: 42, name: 'INVALID_REQUEST', message: 'Request body is not valid JSON' });
    expect(answer.text).not.toContain('secret');
  });

  it('names the field that is wrong, never its value', async () => {
    const answer = await send(`${http.url}/echo`, 'POST', { name: 'n', count: 'secret-4111' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/^Invalid request body: count: /);
    expect(answer.text).not.toContain('secret');
  });

  it('reads the body of a web Request too (no Node request underneath)', async () => {
    const app = bodyApp();
    const headers = { 'content-type': 'application/json' };
    const ok = await app.request('/echo', { method: 'POST', headers, body: JSON.stringify({ name: 'web' }) });
    expect(await ok.json()).toEqual({ name: 'web', count: 1 });
    const big = await app.request('/echo', {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'z'.repeat(LIMIT) }),
    });
    expect(big.status).toBe(413);
  });
});

describe('parseQuery', () => {
  it('validates query parameters, naming the one that is wrong', async () => {
    expect((await send(`${http.url}/query?n=4`)).body).toEqual({ n: 4 });
    const bad = await send(`${http.url}/query?n=-4`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid query: n: /);
  });
});
