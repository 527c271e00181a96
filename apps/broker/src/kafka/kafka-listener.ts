/**
 * The Kafka-protocol listener: a TCP server whose connections each get a KafkaConnection.
 * The handlers (and with them the API codecs) load when the first connection comes: until
 * they are loaded, a connection's bytes wait in its socket, unread.
 * A timer enforces the connections' time limits (see kafka-connection.ts), checking each
 * about four times per limit and at least once a second. `stop()` stops accepting, closes
 * every connection (waiting requests are aborted and answered no further) and resolves
 * when the server is closed.
 */

import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
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
  const serve = (socket: Socket, handlers: HandlerRegistry): void => {
    const connection = new KafkaConnection(socket, handlers, ctx(), limits);
    connections.add(connection);
    socket.once('close', () => connections.delete(connection));
  };
  const server: Server = createServer((socket: Socket) => {
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
      }),
  };
}
