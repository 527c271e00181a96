/**
 * A bare Kafka-protocol client for connection tests: a real TCP socket that writes raw
 * frames (whole, pipelined, or hand-broken) and hands back each response frame as it
 * arrives, or tells that the broker closed the connection. Test-only; not built or published.
 */
import { connect, type Socket } from 'node:net';
import { type ConnectionOptions, connect as connectTls } from 'node:tls';
import { extractFrames } from '@mini-kafka/kafka-protocol';

export class WireClient {
  private buffered: Buffer = Buffer.alloc(0);
  private readonly frames: Buffer[] = [];
  private waiting: { resolve: (frame: Buffer) => void; reject: (error: Error) => void } | undefined;
  private ended = false;
  /** Resolves when the connection is closed (by either side). */
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.ended = true;
        this.waiting?.reject(new Error('the connection closed'));
        this.waiting = undefined;
        resolve();
      }),
    );
  }

  static connect(port: number): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new WireClient(socket)));
      socket.once('error', reject);
    });
  }

  /** A TLS connection (`options`: the CA to trust, a client certificate); rejects when the handshake fails. */
  static connectTls(port: number, options: ConnectionOptions): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = connectTls({ port, host: '127.0.0.1', ...options }, () => resolve(new WireClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Writes the frames back to back, in one write. */
  send(...frames: Buffer[]): void {
    this.socket.write(Buffer.concat(frames));
  }

  /** The next response frame, without its size prefix; rejects when the connection closes first. */
  next(): Promise<Buffer> {
    const frame = this.frames.shift();
    if (frame !== undefined) return Promise.resolve(frame);
    if (this.ended) return Promise.reject(new Error('the connection closed'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  /** Every response frame received so far and not yet taken. */
  get unread(): number {
    return this.frames.length;
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    const { frames, rest } = extractFrames(Buffer.concat([this.buffered, chunk]), 1 << 30);
    this.buffered = Buffer.from(rest);
    for (const frame of frames) {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting !== undefined) waiting.resolve(Buffer.from(frame));
      else this.frames.push(Buffer.from(frame));
    }
  }
}
