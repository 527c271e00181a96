/**
 * Test helpers for the HTTP apps: serves a Hono app on a real socket (127.0.0.1, port 0)
 * through the broker's own HTTP server, and sends JSON requests to it. Test-only; not
 * built or published.
 */
import type { Hono } from 'hono';
import type { BrokerState, Env } from '../app-context.js';
import { type HttpServer, startHttpServer } from '../http-server.js';

/** Serves `app`; the server's own `/health` tells `state()`. */
export async function serveApp(app: Hono<Env>, state: () => BrokerState = () => 'ready'): Promise<HttpServer> {
  const http = await startHttpServer('127.0.0.1', 0, state);
  http.setHandler((request, env) => app.fetch(request, env as never));
  return http;
}

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely; their assertions check the shape.
  body: any;
  text: string;
}

/** Sends a request (a JSON body for anything but a string) and reads the answer whole. */
export async function send(url: string, method = 'GET', body?: unknown): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}
