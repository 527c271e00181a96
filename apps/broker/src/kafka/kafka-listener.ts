/**
 * The Kafka-protocol listener: a TCP server whose connections each get a KafkaConnection.
 * The handlers (and with them the API codecs) load when the first connection comes: until
 * they are loaded, a connection's bytes wait in its socket, unread.
 * A timer enforces the connections' time limits (see kafka-connection.ts), checking each
 * about four times per limit and at least once a second. `stop()` stops accepting, closes
 * every connection (waiting requests are aborted and answered no further) and resolves
 * when the server is closed.
 *
 * TLS: with the SSL or SASL_SSL protocol the server is a node:tls one (TLS 1.2 at least)
 * with the broker's certificate; client certificates are asked for when clientAuth is
 * 'requested' and required when 'required'. A handshake must finish within the request read
 * limit; one that fails is logged at debug and costs nothing else. On SSL, a verified
 * client certificate is the connection's principal (security.principalFromCertificate);
 * with authentication on, a connection without one is closed.
 */

import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { certificatePrincipal } from '../security/certificate-principal.js';
import type { Security } from '../security/security.js';
import type { HandlerRegistry } from './handler-registry.js';
import { type ConnectionLimits, KafkaConnection } from './kafka-connection.js';
import type { KafkaContext } from './kafka-context.js';

export interface KafkaListener {
  readonly port: number;
  stop(): Promise<void>;
}

export async function startKafkaListener(
  host: string,
  port: number,
  loadHandlers: () => Promise<HandlerRegistry>,
  ctx: () => KafkaContext,
  limits: ConnectionLimits,
): Promise<KafkaListener> {
  const connections = new Set<KafkaConnection>();
  /** Connections accepted while the handlers load. */
  const waiting = new Set<Socket>();
  let registry: HandlerRegistry | undefined;
  let loading: Promise<HandlerRegistry> | undefined;
  let stopped = false;
  /** Every accepted TCP socket, TLS handshakes still under way included: stop() ends them all. */
  const sockets = new Set<Socket>();
  /** Principals of TLS connections from their client certificates. */
  const principals = new WeakMap<Socket, string>();
  const serve = (socket: Socket, handlers: HandlerRegistry): void => {
    const connection = new KafkaConnection(socket, handlers, ctx(), limits, principals.get(socket));
    connections.add(connection);
    socket.once('close', () => connections.delete(connection));
  };
  const accept = (socket: Socket): void => {
    const { metrics } = ctx();
    metrics.connectionOpened('kafka');
    socket.once('close', () => metrics.connectionClosed('kafka'));
    if (registry !== undefined) {
      serve(socket, registry);
      return;
    }
    // Until the connection takes the socket over: a reset is no crash.
    const dropped = (): void => {
      socket.destroy();
    };
    socket.on('error', dropped);
    waiting.add(socket);
    loading ??= loadHandlers().then((loaded) => {
      registry = loaded;
      return loaded;
    });
    loading.then(
      (handlers) => {
        waiting.delete(socket);
        socket.off('error', dropped);
        if (!socket.destroyed && !stopped) serve(socket, handlers);
        else socket.destroy();
      },
      (error: unknown) => {
        waiting.delete(socket);
        socket.destroy();
        ctx().logger.error({ err: error }, 'the Kafka handlers failed to load');
      },
    );
  };
  const { security } = ctx();
  const secure = security.kafkaProtocol === 'SSL' || security.kafkaProtocol === 'SASL_SSL';
  const server: Server = secure ? tlsServer(security, limits, ctx, principals, accept) : createServer(accept);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const timed = [limits.connectionsMaxIdleMs, limits.requestReadTimeoutMs].filter((ms) => ms >= 0);
  const sweeper =
    timed.length === 0
      ? undefined
      : setInterval(
          () => {
            const now = ctx().clock.now();
            for (const connection of connections) connection.expire(now);
          },
          Math.max(10, Math.min(1000, Math.floor(Math.min(...timed) / 4))),
        ).unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        stopped = true;
        clearInterval(sweeper);
        server.close(() => resolve());
        for (const socket of waiting) socket.destroy();
        for (const connection of connections) connection.close();
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** The TLS server: `accept` gets each connection once its handshake is done and its principal known. */
function tlsServer(
  security: Security,
  limits: ConnectionLimits,
  ctx: () => KafkaContext,
  principals: WeakMap<Socket, string>,
  accept: (socket: Socket) => void,
): Server {
  const tls = security.tls;
  if (tls === undefined) throw new Error(`The ${security.kafkaProtocol} listener needs a TLS certificate and key`);
  const server = createTlsServer(
    {
      cert: tls.cert,
      key: tls.key,
      ...(tls.ca === undefined ? {} : { ca: tls.ca }),
      requestCert: tls.clientAuth !== 'none',
      rejectUnauthorized: tls.clientAuth === 'required',
      minVersion: 'TLSv1.2',
      ...(limits.requestReadTimeoutMs >= 0 ? { handshakeTimeout: Math.max(1, limits.requestReadTimeoutMs) } : {}),
    },
    (socket: TLSSocket) => {
      const certificate = socket.authorized ? socket.getPeerX509Certificate() : undefined;
      const principal =
        security.kafkaProtocol === 'SSL' && certificate !== undefined
          ? certificatePrincipal(certificate, security.principalFromCertificate)
          : undefined;
      if (security.kafkaProtocol === 'SSL' && security.enabled && principal === undefined) {
        ctx().logger.warn(
          { client: socket.remoteAddress ?? 'unknown' },
          'kafka connection closed: no verified client certificate',
        );
        socket.destroy();
        return;
      }
      if (principal !== undefined) {
        principals.set(socket, principal);
        ctx().logger.debug(
          { client: socket.remoteAddress ?? 'unknown', principal },
          'kafka client authenticated by certificate',
        );
      }
      accept(socket);
    },
  );
  server.on('tlsClientError', (error: Error & { code?: string }, socket: TLSSocket) => {
    ctx().logger.debug(
      { client: socket.remoteAddress ?? 'unknown', reason: error.code ?? error.message },
      'kafka TLS handshake failed',
    );
    socket.destroy();
  });
  return server;
}
