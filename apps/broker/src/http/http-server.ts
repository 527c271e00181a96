/**
 * The listening HTTP server, started before the broker's parts are ready: a taken port
 * fails at once, and until a handler is installed every request gets a 503 from the app's
 * skeleton (app-shell.ts), in the error shape of the API it is for; `/health` answers
 * `{"status":"starting"}`. `stop()` stops accepting, closes idle keep-alive connections and
 * resolves when the last in-flight request is answered.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createLogger } from '../logger.js';
import { createShell } from './app-shell.js';

export type RequestHandler = (request: Request, env: unknown) => Response | Promise<Response>;

export interface HttpServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  setHandler(handler: RequestHandler): void;
  stop(): Promise<void>;
}

/** What every request gets until the broker installs its handler: the app's skeleton, without routes. */
function startingApp(): RequestHandler {
  const app = createShell({ state: () => 'starting', logger: createLogger('silent') });
  return (request, env) => app.fetch(request, env as never);
}

export async function startHttpServer(host: string, port: number): Promise<HttpServer> {
  const starting = startingApp();
  let handler: RequestHandler | undefined;
  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve(
      {
        fetch: (request, env) => (handler ?? starting)(request, env),
        port,
        hostname: host,
      },
      () => resolve(started as Server),
    );
    (started as Server).once('error', reject);
  });
  const actualPort = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  let stopping: Promise<void> | undefined;
  return {
    server,
    port: actualPort,
    url: `http://${shownHost}:${actualPort}`,
    setHandler: (next) => {
      handler = next;
    },
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return stopping;
    },
  };
}
