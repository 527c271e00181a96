/**
 * A TCP proxy on 127.0.0.1 (port 0) in front of a broker's Kafka listener that loses some
 * Produce responses: the request reaches the broker (which appends it), then the proxy
 * swallows the answer and closes the connection, as a network failure after the write
 * would. The client sees a dead connection and resends the same batch. Which responses are
 * lost is decided by `dropProduceResponse(n)` for the n-th Produce response (0-based), so a
 * test chooses its faults from its seed.
 *
 * The proxy reads the frames it forwards (request headers one way, to know each
 * correlation id's API and version; responses the other) and rewrites the broker address
 * in Metadata and FindCoordinator answers to its own, so clients keep talking through it.
 * Everything else passes byte for byte. For kafkajs and librdkafka (kcat) alike.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import {
  API_KEYS,
  decodeRequestFrame,
  decodeResponseFrame,
  encodeResponseFrame,
  extractFrames,
  FindCoordinator,
  Metadata,
} from '@mini-kafka/kafka-protocol';

export interface DroppingProxyOptions {
  /** The broker's Kafka listener. */
  target: { host: string; port: number };
  /** Whether to lose the n-th Produce response (counted from 0 over all connections). */
  dropProduceResponse: (n: number) => boolean;
  /** Sees every request frame a client sends (size prefix removed), before it is forwarded. */
  onRequest?: (frame: Buffer) => void;
}

function prefixed(frame: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(frame.length);
  return Buffer.concat([size, frame]);
}

export class DroppingProxy {
  /** Produce responses seen, and how many of them were lost. */
  produceResponses = 0;
  dropped = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly options: DroppingProxyOptions,
  ) {}

  /** Sends new connections to another broker (one restarted on a new port); open ones stay where they are. */
  retarget(target: { host: string; port: number }): void {
    this.options.target = target;
  }

  static async start(options: DroppingProxyOptions): Promise<DroppingProxy> {
    const server = createServer();
    const proxy = new DroppingProxy(server, options);
    server.on('connection', (client) => proxy.accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy is not listening');
    return address.port;
  }

  /** `host:port` for a client's bootstrap list. */
  get bootstrap(): string {
    return `127.0.0.1:${this.port}`;
  }

  private accept(client: Socket): void {
    const upstream = connect(this.options.target.port, this.options.target.host);
    this.sockets.add(client).add(upstream);
    const inFlight = new Map<number, { apiKey: number; apiVersion: number }>();
    let fromClient: Buffer = Buffer.alloc(0);
    let fromBroker: Buffer = Buffer.alloc(0);
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', closeBoth).on('close', closeBoth);
    upstream.on('error', closeBoth).on('close', closeBoth);

    client.on('data', (chunk: Buffer) => {
      const { frames, rest } = extractFrames(Buffer.concat([fromClient, chunk]));
      fromClient = rest;
      for (const frame of frames) {
        this.options.onRequest?.(Buffer.from(frame));
        const { header } = decodeRequestFrame(frame);
        inFlight.set(header.correlationId, { apiKey: header.apiKey, apiVersion: header.apiVersion });
        upstream.write(prefixed(frame));
      }
    });

    upstream.on('data', (chunk: Buffer) => {
      const { frames, rest } = extractFrames(Buffer.concat([fromBroker, chunk]));
      fromBroker = rest;
      for (const frame of frames) {
        const correlationId = frame.readInt32BE(0);
        const request = inFlight.get(correlationId);
        inFlight.delete(correlationId);
        if (request?.apiKey === API_KEYS.Produce) {
          if (this.options.dropProduceResponse(this.produceResponses++)) {
            this.dropped++;
            closeBoth();
            return;
          }
        }
        client.write(this.rewrite(frame, request));
      }
    });
  }

  /** The response frame, size-prefixed, with the broker's address replaced by the proxy's. */
  private rewrite(frame: Buffer, request: { apiKey: number; apiVersion: number } | undefined): Buffer {
    if (request?.apiKey === API_KEYS.Metadata) {
      const { correlationId, response } = decodeResponseFrame(Metadata, request.apiVersion, frame);
      const brokers = response.brokers.map((broker) => ({ ...broker, host: '127.0.0.1', port: this.port }));
      return encodeResponseFrame(Metadata, request.apiVersion, correlationId, { ...response, brokers });
    }
    if (request?.apiKey === API_KEYS.FindCoordinator) {
      const { correlationId, response } = decodeResponseFrame(FindCoordinator, request.apiVersion, frame);
      if (response.port >= 0) {
        const moved = { ...response, host: '127.0.0.1', port: this.port };
        return encodeResponseFrame(FindCoordinator, request.apiVersion, correlationId, moved);
      }
    }
    return prefixed(frame);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
