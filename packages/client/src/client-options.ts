/** The connection settings every Producer, Consumer and Admin takes, and the transport built from them. */
import { MiniKafkaError } from '@mini-kafka/protocol';
import { type FetchFunction, HttpTransport, type TlsOptions } from './http-transport.js';
import type { RetryOptions } from './retry.js';

export interface ClientOptions {
  /** The broker's base URL, e.g. `http://localhost:9092`. */
  url: string;
  /** Names this client to the broker (group members list it). Default `"mini-kafka-client"`. */
  clientId?: string;
  /** Backoff of retried requests; each field has a default (see RetryOptions). */
  retry?: Partial<RetryOptions>;
  /** Timeout of one HTTP attempt, in ms; a long poll adds its wait. Default 30000. */
  requestTimeoutMs?: number;
  /** The `fetch` to call instead of the global one (to count, trace or proxy requests). */
  fetch?: FetchFunction;
  /**
   * How producers and consumers move records: `'binary'` (Kafka's RecordBatch bytes, encoded
   * and decoded here, as Kafka clients do; JSON against a broker that has no binary transport)
   * or `'json'` (the JSON of the /v1 API). Default `'binary'`.
   */
  transport?: Transport;
  /**
   * An API token (`mini-kafka tokens create`), sent as `Authorization: Bearer <token>` on every
   * request, for a broker with authentication on. Never part of an error or a log line.
   */
  token?: string;
  /** For an https:// url: the CA certificates (PEM) the broker's must chain to, instead of the system's. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** For an https:// url whose broker asks for a client certificate (mTLS): the certificate (PEM), with `key`. */
  cert?: string | Buffer;
  /** The client certificate's private key (PEM). */
  key?: string | Buffer;
}

export type Transport = 'binary' | 'json';

export const DEFAULT_CLIENT_ID = 'mini-kafka-client';

/** The transport of `options`; INVALID_CONFIG unless it is one. */
export function transportOf(options: ClientOptions): Transport {
  const transport = options.transport ?? 'binary';
  if (transport !== 'binary' && transport !== 'json') {
    throw new MiniKafkaError('INVALID_CONFIG', `The transport option must be 'binary' or 'json'`);
  }
  return transport;
}

/** The TLS options of `options`; INVALID_CONFIG for a certificate without its key or the other way round. */
function tlsOf(options: ClientOptions): TlsOptions {
  if ((options.cert === undefined) !== (options.key === undefined)) {
    throw new MiniKafkaError('INVALID_CONFIG', 'A client certificate needs both the cert and the key option');
  }
  return {
    ...(options.ca !== undefined && { ca: options.ca }),
    ...(options.cert !== undefined && { cert: options.cert }),
    ...(options.key !== undefined && { key: options.key }),
  };
}

/** `options` without the token and the private key, for a class that keeps its options where util.inspect shows them. */
export function withoutSecrets<T extends ClientOptions>(options: T): Omit<T, 'token' | 'key'> {
  const { token: _token, key: _key, ...rest } = options;
  return rest;
}

export function createTransport(options: ClientOptions): HttpTransport {
  return new HttpTransport({
    tls: tlsOf(options),
    ...(options.token !== undefined && { token: options.token }),
    url: options.url,
    ...(options.retry && { retry: options.retry }),
    ...(options.requestTimeoutMs !== undefined && { requestTimeoutMs: options.requestTimeoutMs }),
    ...(options.fetch && { fetch: options.fetch }),
  });
}
