/** The connection settings every Producer, Consumer and Admin takes, and the transport built from them. */
import { MiniKafkaError } from '@mini-kafka/protocol';
import { type FetchFunction, HttpTransport } from './http-transport.js';
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

export function createTransport(options: ClientOptions): HttpTransport {
  return new HttpTransport({
    url: options.url,
    ...(options.retry && { retry: options.retry }),
    ...(options.requestTimeoutMs !== undefined && { requestTimeoutMs: options.requestTimeoutMs }),
    ...(options.fetch && { fetch: options.fetch }),
  });
}
