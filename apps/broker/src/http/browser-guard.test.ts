/**
 * Cross-site browser requests, as browsers send them (Origin, Sec-Fetch-Site), against the
 * app skeleton on a real socket: refused in each API's error shape; non-browser clients and
 * the broker's own pages pass; the allow-list lets a named web app in.
 */
import type { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import type { Env } from './app-context.js';
import { createShell } from './app-shell.js';
import type { HttpServer } from './http-server.js';
import { serveApp } from './testing/serve-app.js';

let http: HttpServer | undefined;
afterEach(async () => {
  await http?.stop();
  http = undefined;
});

let reached = 0;

async function serveShell(allowedOrigins: string[] = []): Promise<string> {
  const routes = (api: Hono<Env>): void => {
    api.post('/:topic/create', (c) => {
      reached++;
      return c.json({ created: c.req.param('topic') });
    });
  };
  http = await serveApp(
    createShell({ state: () => 'ready', logger: createLogger('silent'), tutorial: routes, v1: routes, allowedOrigins }),
  );
  reached = 0;
  return http.url;
}

/** A body-less POST, the kind a page's form or fetch() can send without a preflight. */
async function post(url: string, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', headers });
  // biome-ignore lint/suspicious/noExplicitAny: the assertions check the shape.
  const body: any = await response.json();
  return { status: response.status, body };
}

describe('cross-site browser requests', () => {
  it("are refused with 403 in the API's shape when the Origin is foreign, before any route runs", async () => {
    const url = await serveShell();
    const evil = { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' };
    const v1 = await post(`${url}/v1/orders/create`, evil);
    expect(v1.status).toBe(403);
    expect(v1.body.error).toMatchObject({ code: 42, name: 'INVALID_REQUEST' });
    expect(v1.body.error.message).toMatch(/origin "http:\/\/evil.example" is not allowed.*--allowed-origins/);
    const tutorial = await post(`${url}/topics/orders/create`, evil);
    expect(tutorial.status).toBe(403);
    expect(tutorial.body.detail).toMatch(/Cross-site browser requests are refused/);
    // Another port of localhost is the same site, not the same origin.
    const neighbour = await post(`${url}/v1/orders/create`, {
      origin: 'http://127.0.0.1:3000',
      'sec-fetch-site': 'same-site',
    });
    expect(neighbour.status).toBe(403);
    expect(reached).toBe(0);
  });

  it('are refused without an Origin when the browser says the request is cross-site or same-site', async () => {
    const url = await serveShell();
    for (const site of ['cross-site', 'same-site']) {
      expect((await post(`${url}/topics/orders/create`, { 'sec-fetch-site': site })).status, site).toBe(403);
    }
    expect(reached).toBe(0);
  });

  it('pass for clients that are not browsers, for pages of the broker itself, and for a direct visit', async () => {
    const url = await serveShell();
    expect((await post(`${url}/v1/orders/create`, {})).status).toBe(200);
    const own = new URL(url).origin;
    expect((await post(`${url}/v1/orders/create`, { origin: own, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await post(`${url}/topics/orders/create`, { 'sec-fetch-site': 'none' })).status).toBe(200);
    expect(reached).toBe(3);
  });

  it('pass from the origins the broker allows, or from any with *', async () => {
    const allowed = await serveShell(['http://localhost:5173']);
    const from = (origin: string) => post(`${allowed}/v1/orders/create`, { origin, 'sec-fetch-site': 'same-site' });
    expect((await from('http://localhost:5173')).status).toBe(200);
    expect((await from('http://localhost:5174')).status).toBe(403);
    await http?.stop();
    const any = await serveShell(['*']);
    expect((await post(`${any}/v1/orders/create`, { origin: 'null', 'sec-fetch-site': 'cross-site' })).status).toBe(
      200,
    );
  });
});
