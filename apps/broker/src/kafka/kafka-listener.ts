/**
 * The Kafka-protocol listener: a TCP server whose connections each get a KafkaConnection.
 * `stop()` stops accepting, closes every connection (waiting requests are aborted and
 * answered no further) and resolves when the server is closed.
 */

import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import type { HandlerRegistry } from './handler-registry.js';
import { KafkaConnection } from './kafka-connection.js';
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
  maxFrameBytes: number,
): Promise<KafkaListener> {
  const connections = new Set<KafkaConnection>();
  const server: Server = createServer((socket: Socket) => {
    const connection = new KafkaConnection(socket, registry, ctx(), maxFrameBytes);
    connections.add(connection);
    socket.once('close', () => connections.delete(connection));
  });
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
        server.close(() => resolve());
        for (const connection of connections) connection.close();
      }),
  };
}
