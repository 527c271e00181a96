/**
 * The Kafka-protocol listener: a TCP server whose connections each get a KafkaConnection.
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
  registry: HandlerRegistry,
  ctx: () => KafkaContext,
  limits: ConnectionLimits,
): Promise<KafkaListener> {
  const connections = new Set<KafkaConnection>();
  const server: Server = createServer((socket: Socket) => {
    const connection = new KafkaConnection(socket, registry, ctx(), limits);
    connections.add(connection);
    socket.once('close', () => connections.delete(connection));
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
        clearInterval(sweeper);
        server.close(() => resolve());
        for (const connection of connections) connection.close();
      }),
  };
}
