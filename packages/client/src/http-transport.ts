/**
 * HttpTransport: the one place the SDK speaks HTTP. It sends JSON to the broker's /v1 API
 * (or bytes, for the binary transport: `exchange`) on node:http with keep-alive connections,
 * or on a `fetch` the user gives (http-call.ts), bounds every request with a timeout (plus
 * the wait of a long poll), sends the bearer token it was given with every request (and
 * keeps it out of errors, logs and inspection), turns every failure into a MiniKafkaError
 * (error bodies by their Kafka name, a 401 without one as SASL_AUTHENTICATION_FAILED,
 * network failures as BROKER_NOT_AVAILABLE, timeouts as REQUEST_TIMED_OUT) and retries the
 * retriable ones with backoff. It keeps no state between requests, so any number
 * may run at once.
 */
import { ERROR_CODES, type ErrorDetails, type ErrorType, errorTypeForCode, MiniKafkaError } from '@mini-kafka/protocol';
import {
  type CallAnswer,
  type FetchFunction,
  fetchCall,
  type HttpCall,
  nodeHttpCall,
  type TlsOptions,
} from './http-call.js';
import { type RetryOptions, retryOptions, sleep, withRetry } from './retry.js';

export type { FetchFunction, TlsOptions } from './http-call.js';

export interface HttpTransportOptions {
  /** The broker's base URL, e.g. `http://localhost:9092`. */
  url: string;
  retry?: Partial<RetryOptions>;
  /** Timeout of one attempt, in ms (a long poll adds its wait). Default 30000. */
  requestTimeoutMs?: number;
  /** Calls go through this `fetch` instead of node:http. */
  fetch?: FetchFunction;
  /** Sent as `Authorization: Bearer <token>` on every request. */
  token?: string;
  /** CA and client certificate of https:// calls on node:https (not used with `fetch`). */
  tls?: TlsOptions;
  /** How backoff waits; injected by tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Called each time a request finds the broker unreachable (BROKER_NOT_AVAILABLE), before any retry. */
  onUnreachable?: () => void;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** A long poll's wait, added to the request timeout. */
  waitMs?: number;
  /** Retries for this request instead of the transport's (0: a single attempt). */
  retries?: number;
  /** Cancels the request; a cancelled request is never retried. */
  signal?: AbortSignal;
}

/** A request whose body, if any, is bytes of a given type, and whose answer is read as bytes. */
export interface ExchangeOptions extends Omit<RequestOptions, 'body'> {
  body?: { contentType: string; bytes: Uint8Array };
  /** The Accept header. */
  accept: string;
}

/** A successful answer read as bytes, with its Content-Type (media type only, lower case; '' when none). */
export interface ExchangeAnswer {
  contentType: string;
  bytes: Buffer;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Builds a path from a template, URL-encoding every interpolated value: route`/v1/topics/${name}`. */
export function route(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  return strings.reduce((path, part, index) => {
    const value = values[index - 1];
    return path + encodeURIComponent(String(value)) + part;
  });
}

export class HttpTransport {
  readonly url: string;
  readonly retry: RetryOptions;
  readonly requestTimeoutMs: number;
  private readonly call: HttpCall;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly onUnreachable: (() => void) | undefined;
  /** What this transport was made with, for `at` (a # field: it holds the token). */
  readonly #options: HttpTransportOptions;
  /** `Bearer <token>`, or undefined; a # field, so that util.inspect and JSON.stringify of the transport do not show it. */
  readonly #authorization: string | undefined;

  constructor(options: HttpTransportOptions) {
    this.url = baseUrl(options.url);
    this.retry = retryOptions(options.retry);
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.#authorization = options.token === undefined ? undefined : `Bearer ${checkedToken(options.token)}`;
    this.call = options.fetch ? fetchCall(options.fetch) : nodeHttpCall(options.tls);
    this.sleep = options.sleep ?? sleep;
    this.random = options.random ?? Math.random;
    this.onUnreachable = options.onUnreachable;
    this.#options = options;
  }

  /**
   * A transport to another base URL with everything else the same (token, TLS, retries,
   * timeouts): the gateway a consumer group member lives on, when the broker names one.
   */
  at(url: string, options: { onUnreachable?: () => void } = {}): HttpTransport {
    const { onUnreachable: _unused, ...rest } = this.#options;
    return new HttpTransport({ ...rest, url, ...options });
  }

  /** Sends one request (retrying retriable failures) and returns its parsed JSON body (`undefined` for 204). */
  request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const retry = options.retries === undefined ? this.retry : { ...this.retry, retries: options.retries };
    const context = { sleep: this.sleep, random: this.random, ...(options.signal && { signal: options.signal }) };
    return withRetry(() => this.attempt<T>(method, path, options), retry, context);
  }

  /**
   * Sends one request with a body of bytes (or none) and `accept`, retrying retriable
   * failures, and returns the answer's bytes and type. Errors are read as the JSON ones.
   */
  exchange(method: HttpMethod, path: string, options: ExchangeOptions): Promise<ExchangeAnswer> {
    const retry = options.retries === undefined ? this.retry : { ...this.retry, retries: options.retries };
    const context = { sleep: this.sleep, random: this.random, ...(options.signal && { signal: options.signal }) };
    return withRetry(
      async () => {
        const headers: Record<string, string> = { accept: options.accept };
        if (options.body !== undefined) headers['content-type'] = options.body.contentType;
        const { answer, what } = await this.send(method, path, options, headers, options.body?.bytes);
        if (answer.status < 200 || answer.status >= 300) {
          throw errorFromResponse(answer.status, answer.body.toString('utf8'), what);
        }
        const contentType = answer.header('content-type') ?? '';
        return { contentType: contentType.split(';')[0]!.trim().toLowerCase(), bytes: answer.body };
      },
      retry,
      context,
    );
  }

  private async attempt<T>(method: HttpMethod, path: string, options: RequestOptions): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const { answer, what } = await this.send(method, path, options, headers, body);
    const text = answer.body.toString('utf8');
    if (answer.status < 200 || answer.status >= 300) throw errorFromResponse(answer.status, text, what);
    return parseJsonAnswer<T>(text, what);
  }

  /** One attempt, its whole answer read under the timeout. */
  private async send(
    method: HttpMethod,
    path: string,
    options: Omit<RequestOptions, 'body'>,
    headers: Record<string, string>,
    body: string | Uint8Array | undefined,
  ): Promise<{ answer: CallAnswer; what: string }> {
    const what = `${method} ${path}`;
    if (this.#authorization !== undefined) headers.authorization = this.#authorization;
    const timeoutMs = this.requestTimeoutMs + (options.waitMs ?? 0);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      const url = this.url + path + queryString(options.query);
      return { answer: await this.call(url, { method, headers, signal, ...(body !== undefined && { body }) }), what };
    } catch (error) {
      const failure = transportError(error, what, this.url, timeoutMs, options.signal);
      if (failure.type === 'BROKER_NOT_AVAILABLE') this.onUnreachable?.();
      throw failure;
    }
  }
}

/** The parsed JSON of an answer (`undefined` for an empty one, as a 204 has). */
export function parseJsonAnswer<T>(text: string, what: string): T {
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new MiniKafkaError('UNKNOWN_SERVER_ERROR', `The broker answered ${what} with a body that is not JSON`, {
      cause: error,
    });
  }
}

/** A token that can go in a header: INVALID_CONFIG (without the token) otherwise. */
function checkedToken(token: unknown): string {
  if (typeof token !== 'string' || !/^[\x21-\x7e]+$/.test(token)) {
    throw new MiniKafkaError('INVALID_CONFIG', 'The token option must be a non-empty string of printable ASCII');
  }
  return token;
}

/** The base URL without trailing slashes; INVALID_CONFIG unless it is an http(s) URL. */
function baseUrl(url: unknown): string {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new MiniKafkaError(
      'INVALID_CONFIG',
      'The broker url must be an http:// or https:// URL, e.g. http://127.0.0.1:8000',
    );
  }
  return (url as string).replace(/\/+$/, '');
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** A failure before an HTTP status arrived: cancelled, timed out, or the broker unreachable. */
function transportError(
  error: unknown,
  what: string,
  url: string,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
): MiniKafkaError {
  if (error instanceof MiniKafkaError) return error;
  if (callerSignal?.aborted === true) {
    return new MiniKafkaError('REQUEST_TIMED_OUT', `${what} was cancelled`, {
      cause: error,
      details: { cancelled: true },
    });
  }
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new MiniKafkaError('REQUEST_TIMED_OUT', `${what} timed out after ${timeoutMs} ms`, {
      cause: error,
      details: { limit: timeoutMs },
    });
  }
  const code = networkErrorCode(error);
  return new MiniKafkaError(
    'BROKER_NOT_AVAILABLE',
    `The broker at ${url} is not reachable${code ? ` (${code})` : ''}`,
    {
      cause: error,
      details: { url },
    },
  );
}

function networkErrorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

/** The MiniKafkaError for a non-2xx answer: by the body's Kafka error name, else by the HTTP status. */
export function errorFromResponse(status: number, text: string, what: string): MiniKafkaError {
  const body = parseJson(text);
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (error !== undefined) {
    const type = knownType(error.name) ?? (typeof error.code === 'number' ? errorTypeForCode(error.code) : undefined);
    if (type !== undefined) {
      const message = typeof error.message === 'string' ? error.message : type;
      return new MiniKafkaError(type, message, { details: { ...details(error.details), status } });
    }
  }
  return new MiniKafkaError(typeForStatus(status), `The broker answered ${what} with HTTP ${status}`, {
    details: { status },
  });
}

function typeForStatus(status: number): ErrorType {
  if (status === 401) return 'SASL_AUTHENTICATION_FAILED';
  if (status === 408 || status === 504) return 'REQUEST_TIMED_OUT';
  if (status === 413) return 'MESSAGE_TOO_LARGE';
  if (status === 502 || status === 503) return 'BROKER_NOT_AVAILABLE';
  if (status >= 400 && status < 500) return 'INVALID_REQUEST';
  return 'UNKNOWN_SERVER_ERROR';
}

function knownType(name: unknown): ErrorType | undefined {
  return typeof name === 'string' && Object.hasOwn(ERROR_CODES, name) ? (name as ErrorType) : undefined;
}

function details(value: unknown): ErrorDetails {
  const result: ErrorDetails = {};
  if (!isRecord(value)) return result;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') result[key] = item;
  }
  return result;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
