/**
 * Raw Kafka-protocol connections for e2e tests that speak in frames (hostile bytes, exact
 * per-partition codes): open a socket to the broker's Kafka port, send one request frame
 * and read its response frame, or wait until the broker closes the connection.
 */
import { connect, type Socket } from 'node:net';

export function openKafkaSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves once the socket is closed (by either side). */
export function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    socket.once('close', () => resolve());
  });
}

/** Sends one request frame and resolves with the response frame (size prefix removed). */
export function roundTrip(socket: Socket, frame: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.length >= 4 + received.readInt32BE(0)) {
        socket.off('data', onData);
        resolve(received.subarray(4, 4 + received.readInt32BE(0)));
      }
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('connection closed')));
    socket.write(frame);
  });
}
