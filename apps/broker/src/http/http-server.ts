/**
 * The listening HTTP server, started before the broker's parts are ready: a taken port
 * fails at once. `GET /health` is answered here from the broker's state (200
 * `{"status":"ok"}` when ready, else 503 `{"status":"starting"}` or `"stopping"`), without
 * the app: a health probe costs Node's HTTP parser only, and is answered while the rest of
 * the broker's code has not loaded. Every other request goes to the installed handler through
 * @hono/node-server, which loads on the first of them; until a handler is installed, every
 * such request gets a 503 from the app's skeleton (app-shell.ts), in the error shape of the
 * API it is for. `stop()` stops accepting, closes idle keep-alive connections and resolves
 * when the last in-flight request is answered.
 *
 * Given TLS material it serves HTTPS (TLS 1.2 or later) and its URL is https://; with client
 * authentication requested or required it asks for a client certificate (chaining to the
 * configured CA), which the app's authentication may take as the principal (authenticate.ts).
 * With `required` a client without a valid certificate fails the handshake.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TlsMaterial } from '../security/security.js';
import type { BrokerState } from './app-context.js';

export type RequestHandler = (request: Request, env: unknown) => Response | Promise<Response>;
type NodeListener = (incoming: IncomingMessage, outgoing: ServerResponse) => unknown;

export interface HttpServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  setHandler(handler: RequestHandler): void;
  stop(): Promise<void>;
}

function isHealthProbe({ method, url }: IncomingMessage): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return url === '/health' || url?.startsWith('/health?') === true;
}

function answerHealth(outgoing: ServerResponse, now: BrokerState): void {
  const body = JSON.stringify({ status: now === 'ready' ? 'ok' : now });
  outgoing.writeHead(now === 'ready' ? 200 : 503, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  outgoing.end(body);
}

/** The Fetch-API adapter in front of `handler()`, or of the skeleton's 503s while there is none. */
async function fetchListener(handler: () => RequestHandler | undefined): Promise<NodeListener> {
  const [{ getRequestListener }, { createShell }, { createLogger }] = await Promise.all([
    import('@hono/node-server'),
    import('./app-shell.js'),
    import('../logger.js'),
  ]);
  const starting = createShell({ state: () => 'starting', logger: createLogger('silent') });
  return getRequestListener((request, env) => (handler() ?? ((r, e) => starting.fetch(r, e as never)))(request, env));
}

/** Told of each connection the server accepts and when it closes (the broker's metrics). */
export interface ConnectionObserver {
  connectionOpened(listener: 'http'): void;
  connectionClosed(listener: 'http'): void;
}

export async function startHttpServer(
  host: string,
  port: number,
  state: () => BrokerState,
  connections?: ConnectionObserver,
  tls?: TlsMaterial,
): Promise<HttpServer> {
  let handler: RequestHandler | undefined;
  let listener: Promise<NodeListener> | undefined;
  const answer = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    if (isHealthProbe(incoming)) {
      answerHealth(outgoing, state());
      return;
    }
    listener ??= fetchListener(() => handler);
    listener.then(
      (listen) => listen(incoming, outgoing),
      () => {
        outgoing.statusCode = 500;
        outgoing.end();
      },
    );
  };
  const server: Server =
    tls === undefined
      ? createServer(answer)
      : createTlsServer(
          {
            cert: tls.cert,
            key: tls.key,
            minVersion: 'TLSv1.2',
            ...(tls.ca === undefined ? {} : { ca: tls.ca }),
            requestCert: tls.clientAuth !== 'none',
            rejectUnauthorized: tls.clientAuth === 'required',
          },
          answer,
        );
  if (connections !== undefined) {
    server.on(tls === undefined ? 'connection' : 'secureConnection', (socket) => {
      connections.connectionOpened('http');
      socket.once('close', () => connections.connectionClosed('http'));
    });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  let stopping: Promise<void> | undefined;
  return {
    server,
    port: actualPort,
    url: `${tls === undefined ? 'http' : 'https'}://${shownHost}:${actualPort}`,
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
