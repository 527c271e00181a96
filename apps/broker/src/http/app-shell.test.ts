import { MiniKafkaError } from '@mini-kafka/protocol';
import type { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { recordingLogger } from '../testing/recording-logger.js';
import type { BrokerState, Env } from './app-context.js';
import { createShell } from './app-shell.js';
import type { HttpServer } from './http-server.js';
import { send, serveApp } from './testing/serve-app.js';

const SECRET = 'card 4111-1111-1111-1111';

let state: BrokerState = 'ready';
/** The /slow routes tell when a request reached them, then wait for `release`. */
let reached: () => void = () => {};
let release: () => void = () => {};
let http: HttpServer | undefined;
afterEach(async () => {
  await http?.stop();
  http = undefined;
  state = 'ready';
});

/** The skeleton with the same failing routes in both APIs, served on a real socket. */
async function serveShell() {
  const { logger, lines } = recordingLogger();
  const routes = (api: Hono<Env>): void => {
    api.get('/boom', () => {
      throw new Error(SECRET);
    });
    api.get('/missing', () => {
      throw new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', 'Topic "t" does not exist', { details: { topic: 't' } });
    });
    api.get('/invalid', (c) => c.json(z.object({ n: z.number() }).parse({ n: 'x' })));
    api.get('/ok', (c) => c.json({ ok: true }));
    api.get('/slow', async (c) => {
      reached();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return c.json({ ok: true });
    });
  };
  http = await serveApp(createShell({ state: () => state, logger, tutorial: routes, v1: routes }), () => state);
  return { url: http.url, lines };
}

describe('the /v1 app', () => {
  it('answers a path it has no route for with 404 INVALID_REQUEST in its shape', async () => {
    const { url } = await serveShell();
    for (const path of ['/v1/nothing', '/v1', '/v1/topics/ok/extra']) {
      const answer = await send(`${url}${path}`, 'POST');
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).toEqual({
        error: { code: 42, name: 'INVALID_REQUEST', message: `No route for POST ${path}` },
      });
    }
  });

  it('answers errors with the code, name and status of the error table', async () => {
    const { url } = await serveShell();
    const missing = await send(`${url}/v1/missing`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: {
        code: 3,
        name: 'UNKNOWN_TOPIC_OR_PARTITION',
        message: 'Topic "t" does not exist',
        details: { topic: 't' },
      },
    });
    const invalid = await send(`${url}/v1/invalid`);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: 42, name: 'INVALID_REQUEST' });
    expect(invalid.body.error.message).toMatch(/^Invalid request: n: /);
  });

  it('answers an unexpected exception with a 500 that does not carry its text, and logs it', async () => {
    const { url, lines } = await serveShell();
    const answer = await send(`${url}/v1/boom`);
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ error: { code: -1, name: 'UNKNOWN_SERVER_ERROR', message: 'Internal error' } });
    expect(answer.text).not.toContain('4111');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request failed', method: 'GET', path: '/v1/boom' });
  });
});

describe('the tutorial app', () => {
  it('answers a path it has no route for with 404 {"detail"}', async () => {
    const { url } = await serveShell();
    for (const path of ['/topics/t/nothing', '/topics']) {
      const answer = await send(`${url}${path}`);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).toEqual({ detail: `No route for GET ${path}` });
    }
  });

  it('answers errors as {"detail"} with the status of the error table', async () => {
    const { url } = await serveShell();
    const missing = await send(`${url}/topics/missing`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ detail: 'Topic "t" does not exist' });
    const invalid = await send(`${url}/topics/invalid`);
    expect(invalid.status).toBe(400);
    expect(invalid.body.detail).toMatch(/^Invalid request: n: /);
  });

  it('answers an unexpected exception with a 500 that does not carry its text, and logs it', async () => {
    const { url, lines } = await serveShell();
    const answer = await send(`${url}/topics/boom`);
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ detail: 'Internal error' });
    expect(answer.text).not.toContain('4111');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request failed', path: '/topics/boom' });
  });
});

describe('paths outside both APIs', () => {
  it('answer 404 {"detail"}', async () => {
    const { url } = await serveShell();
    for (const path of ['/nothing', '/v1x/topics', '/v2/topics', '/']) {
      const answer = await send(`${url}${path}`);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).toEqual({ detail: `No route for GET ${path}` });
    }
  });
});

describe('while the broker is not ready', () => {
  it.each(['starting', 'stopping'] as const)('answers 503 in the shape of each API while %s', async (now) => {
    const { url } = await serveShell();
    state = now;
    const message = now === 'starting' ? 'The broker is starting' : 'The broker is stopping';
    const health = await send(`${url}/health`);
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: now });
    for (const path of ['/v1/ok', '/v1/nothing']) {
      const answer = await send(`${url}${path}`);
      expect(answer.status, path).toBe(503);
      expect(answer.body, path).toEqual({ error: { code: 8, name: 'BROKER_NOT_AVAILABLE', message } });
    }
    for (const path of ['/topics/ok', '/topics/t/nothing', '/nothing']) {
      const answer = await send(`${url}${path}`);
      expect(answer.status, path).toBe(503);
      expect(answer.body, path).toEqual({ detail: message });
    }
  });

  it('serves again once ready', async () => {
    const { url } = await serveShell();
    state = 'starting';
    expect((await send(`${url}/v1/ok`)).status).toBe(503);
    state = 'ready';
    expect((await send(`${url}/v1/ok`)).body).toEqual({ ok: true });
    expect((await send(`${url}/topics/ok`)).body).toEqual({ ok: true });
    expect((await send(`${url}/health`)).body).toEqual({ status: 'ok' });
  });

  it('answers a request in flight when shutdown began, closing its connection', async () => {
    const { url } = await serveShell();
    for (const path of ['/v1/slow', '/topics/slow']) {
      const inHandler = new Promise<void>((resolve) => {
        reached = resolve;
      });
      const answer = send(`${url}${path}`);
      await inHandler;
      state = 'stopping';
      release();
      const answered = await answer;
      expect(answered.status, path).toBe(200);
      expect(answered.body, path).toEqual({ ok: true });
      expect(answered.headers.get('connection'), path).toBe('close');
      state = 'ready';
    }
  });
});
