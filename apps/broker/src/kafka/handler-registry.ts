/**
 * Kafka API handlers and their registry. Each handler names its codec and the version
 * range it serves (never wider than the codec's); the ApiVersions answer is derived from
 * these registrations, never kept by hand. A handler resolves to the response, or to
 * `undefined` when the request gets none (Produce with acks = 0). What must live until the
 * answer is written (a Fetch answer's share of the fetch memory budget) is given back with
 * `answer.afterWrite`.
 */
import type { ApiCodec, ApiVersionRange } from '@mini-kafka/kafka-protocol';
import type { KafkaContext, RequestSource } from './kafka-context.js';

/** What a handler may ask of the connection that writes its answer. */
export interface AnswerHooks {
  /**
   * Runs `done` once: when the socket has taken the answer, or when it never will (the
   * handler failed or gave no answer, the connection closed).
   */
  afterWrite(done: () => void): void;
}

export interface KafkaHandler<
  Request = unknown,
  Response = unknown,
  RequestInput = Request,
  DecodedResponse = Response,
> {
  codec: ApiCodec<Request, Response, RequestInput, DecodedResponse>;
  minVersion: number;
  maxVersion: number;
  handle(
    request: Request,
    source: RequestSource,
    ctx: KafkaContext,
    signal: AbortSignal,
    answer: AnswerHooks,
  ): Promise<Response | undefined>;
}

/** Type helper so each handler file is checked against its codec's request and response. */
export function defineHandler<Request, Response, RequestInput, DecodedResponse>(
  handler: KafkaHandler<Request, Response, RequestInput, DecodedResponse>,
): KafkaHandler<Request, Response, RequestInput, DecodedResponse> {
  if (handler.minVersion < handler.codec.minVersion || handler.maxVersion > handler.codec.maxVersion) {
    throw new Error(`${handler.codec.name} handler range exceeds its codec's`);
  }
  return handler;
}

export class HandlerRegistry {
  private readonly handlers = new Map<number, KafkaHandler>();

  register<Request, Response, RequestInput, DecodedResponse>(
    handler: KafkaHandler<Request, Response, RequestInput, DecodedResponse>,
  ): this {
    const erased = handler as unknown as KafkaHandler;
    if (this.handlers.has(erased.codec.apiKey)) throw new Error(`${erased.codec.name} registered twice`);
    this.handlers.set(erased.codec.apiKey, erased);
    return this;
  }

  get(apiKey: number): KafkaHandler | undefined {
    return this.handlers.get(apiKey);
  }

  /** The ApiVersions answer: every registered API with the range it serves. */
  apiVersions(): ApiVersionRange[] {
    return [...this.handlers.values()]
      .map((handler) => ({
        apiKey: handler.codec.apiKey,
        minVersion: handler.minVersion,
        maxVersion: handler.maxVersion,
      }))
      .sort((a, b) => a.apiKey - b.apiKey);
  }
}
