/**
 * BrokerConnection: one TCP (or TLS) connection to one Kafka broker, as a client holds it.
 * It frames requests with @mini-kafka/kafka-protocol's codecs, numbers them (correlation
 * ids), keeps any number in flight (Kafka answers a connection's requests in order, but
 * the ids are checked, not assumed), and bounds each with a timeout. On open it asks
 * ApiVersions, then authenticates when SASL is configured (sasl-client.ts); `request`
 * sends each API at the highest version both this package and that broker speak.
 *
 * A broken or closed connection fails every request in flight with BROKER_NOT_AVAILABLE
 * (retriable): the cluster client opens a new one on next use. Errors name the broker and
 * the API, never a payload.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import { type ConnectionOptions, connect as connectTls } from 'node:tls';
import {
  type ApiCodec,
  ApiVersions,
  type DecodedResponseOf,
  decodeResponseFrame,
  encodeRequestFrame,
  extractFrames,
  type RequestInputOf,
} from '@mini-kafka/kafka-protocol';
import { MiniKafkaError } from '@mini-kafka/protocol';
import { authenticate, type SaslSettings } from './sasl-client.js';

/** Answers larger than this are refused (a broker's fetch answers stay far below: the gateway asks for less). */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

// biome-ignore lint/suspicious/noExplicitAny: any codec; its own types flow through send/request.
export type AnyCodec = ApiCodec<any, any, any, any>;

export interface BrokerConnectionOptions {
  host: string;
  port: number;
  clientId: string;
  /** Each request's timeout (a Fetch adds its own wait). */
  requestTimeoutMs: number;
  connectTimeoutMs?: number;
  tls?: ConnectionOptions;
  sasl?: SaslSettings;
}

export interface RequestOptions {
  maxVersion?: number;
  minVersion?: number;
  timeoutMs?: number;
  /**
   * The connection set to use (ClusterClient): a broker answers a connection's requests one
   * at a time, so a request the broker holds (JoinGroup, SyncGroup, a long-polling Fetch)
   * gets a lane of its own, as each consumer has its own connections. Default: the shared one.
   */
  lane?: string;
}

interface Pending {
  codec: AnyCodec;
  version: number;
  resolve: (response: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class BrokerConnection {
  private readonly pending = new Map<number, Pending>();
  private nextCorrelationId = 1;
  private buffered: Buffer = Buffer.alloc(0);
  private failure: MiniKafkaError | undefined;
  /** The broker's version range per API key (from ApiVersions). */
  private versions = new Map<number, { min: number; max: number }>();

  private constructor(
    private readonly socket: Socket,
    readonly options: BrokerConnectionOptions,
  ) {
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    socket.on('error', (error) => this.fail(this.unreachable('the connection failed', error)));
    socket.on('close', () => this.fail(this.unreachable('the connection closed')));
  }

  /** Connects, learns the broker's API versions and authenticates when SASL is configured. */
  static async open(options: BrokerConnectionOptions): Promise<BrokerConnection> {
    const socket = await connectSocket(options);
    const connection = new BrokerConnection(socket, options);
    try {
      await connection.learnVersions();
      if (options.sasl !== undefined) await authenticate(connection, options.sasl);
    } catch (error) {
      connection.close();
      throw error;
    }
    return connection;
  }

  get address(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  /** False once the connection failed or was closed. */
  get usable(): boolean {
    return this.failure === undefined;
  }

  /** The version `request` would use for `codec`, or undefined when this broker and this package share none. */
  versionFor(codec: AnyCodec, options: RequestOptions = {}): number | undefined {
    const theirs = this.versions.get(codec.apiKey);
    if (theirs === undefined) return undefined;
    const max = Math.min(codec.maxVersion, theirs.max, options.maxVersion ?? Number.POSITIVE_INFINITY);
    const min = Math.max(codec.minVersion, theirs.min, options.minVersion ?? 0);
    return max >= min ? max : undefined;
  }

  /** Sends one request at the highest shared version; the input may depend on that version. */
  request<C extends AnyCodec>(
    codec: C,
    input: RequestInputOf<C> | ((version: number) => RequestInputOf<C>),
    options: RequestOptions = {},
  ): Promise<DecodedResponseOf<C>> {
    const version = this.versionFor(codec, options);
    if (version === undefined) {
      return Promise.reject(
        new MiniKafkaError(
          'UNSUPPORTED_VERSION',
          `The broker at ${this.address} speaks no version of ${codec.name} we do`,
          {
            details: { api: codec.name },
          },
        ),
      );
    }
    const body = typeof input === 'function' ? (input as (v: number) => RequestInputOf<C>)(version) : input;
    return this.send(codec, version, body, options.timeoutMs) as Promise<DecodedResponseOf<C>>;
  }

  /** Sends one request at exactly `version`. */
  send(codec: AnyCodec, version: number, body: unknown, timeoutMs?: number): Promise<unknown> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const correlationId = this.nextCorrelationId;
    this.nextCorrelationId = (this.nextCorrelationId % 0x7fffffff) + 1;
    const frame = encodeRequestFrame(codec, version, { correlationId, clientId: this.options.clientId }, body);
    return new Promise((resolve, reject) => {
      const limit = timeoutMs ?? this.options.requestTimeoutMs;
      const timer = setTimeout(() => {
        // An answer that may still come would be out of step: the connection is no longer trusted.
        const error = new MiniKafkaError(
          'REQUEST_TIMED_OUT',
          `${codec.name} to the broker at ${this.address} timed out after ${limit} ms`,
          { details: { broker: this.address, api: codec.name, limit } },
        );
        this.pending.delete(correlationId);
        reject(error);
        this.fail(this.unreachable(`a request timed out`));
        this.socket.destroy();
      }, limit);
      this.pending.set(correlationId, { codec, version, resolve, reject, timer });
      this.socket.write(frame);
    });
  }

  close(): void {
    this.fail(this.unreachable('the connection was closed by this client'));
    this.socket.destroy();
  }

  private async learnVersions(): Promise<void> {
    // v3 first (flexible); a broker that does not speak it answers UNSUPPORTED_VERSION with a v0 body.
    let answer = (await this.send(ApiVersions, 3, {
      clientSoftwareName: 'mini-kafka',
      clientSoftwareVersion: '1',
    })) as {
      errorCode: number;
      apiKeys: { apiKey: number; minVersion: number; maxVersion: number }[];
    };
    if (answer.errorCode === 35) answer = (await this.send(ApiVersions, 0, {})) as typeof answer;
    if (answer.errorCode !== 0) {
      throw new MiniKafkaError('UNSUPPORTED_VERSION', `The broker at ${this.address} refused ApiVersions`, {
        details: { broker: this.address, errorCode: answer.errorCode },
      });
    }
    this.versions = new Map(answer.apiKeys.map((k) => [k.apiKey, { min: k.minVersion, max: k.maxVersion }]));
  }

  private received(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    let frames: Buffer[];
    try {
      const extracted = extractFrames(this.buffered, MAX_RESPONSE_BYTES);
      frames = extracted.frames;
      this.buffered = extracted.rest;
    } catch (error) {
      this.fail(this.unreachable('the broker sent a frame that cannot be read', error));
      this.socket.destroy();
      return;
    }
    for (const frame of frames) this.answer(frame);
  }

  private answer(frame: Buffer): void {
    const correlationId = frame.length >= 4 ? frame.readInt32BE(0) : -1;
    const pending = this.pending.get(correlationId);
    if (pending === undefined) {
      this.fail(this.unreachable(`the broker answered an unknown request (${correlationId})`));
      this.socket.destroy();
      return;
    }
    this.pending.delete(correlationId);
    clearTimeout(pending.timer);
    try {
      pending.resolve(decodeResponseFrame(pending.codec, pending.version, frame).response);
    } catch (error) {
      pending.reject(
        new MiniKafkaError(
          'CORRUPT_MESSAGE',
          `The broker at ${this.address} sent a ${pending.codec.name} answer that cannot be read`,
          {
            cause: error,
            details: { broker: this.address, api: pending.codec.name },
          },
        ),
      );
    }
  }

  private unreachable(why: string, cause?: unknown): MiniKafkaError {
    return new MiniKafkaError('BROKER_NOT_AVAILABLE', `The broker at ${this.address} is not reachable: ${why}`, {
      ...(cause !== undefined && { cause }),
      details: { broker: this.address },
    });
  }

  private fail(error: MiniKafkaError): void {
    this.failure ??= error;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(this.failure);
      this.pending.delete(id);
    }
  }
}

function connectSocket(options: BrokerConnectionOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const address = `${options.host}:${options.port}`;
    const socket =
      options.tls === undefined
        ? connectTcp({ host: options.host, port: options.port })
        : connectTls({ host: options.host, port: options.port, servername: options.host, ...options.tls });
    const ready = options.tls === undefined ? 'connect' : 'secureConnect';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new MiniKafkaError('BROKER_NOT_AVAILABLE', `Connecting to the broker at ${address} timed out`, {
          details: { broker: address },
        }),
      );
    }, options.connectTimeoutMs ?? 10_000);
    socket.once(ready, () => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new MiniKafkaError('BROKER_NOT_AVAILABLE', `The broker at ${address} is not reachable`, {
          cause: error,
          details: { broker: address },
        }),
      );
    });
  });
}
