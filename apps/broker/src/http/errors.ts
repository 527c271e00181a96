/**
 * Turns anything thrown by a route into the HTTP answer: /v1 routes answer
 * `{"error":{"code","name","message"}}`, the tutorial routes `{"detail": "..."}`, both with
 * the status of the error table. Unknown errors become a 500 that says nothing of their
 * text (it may hold data); they are logged instead.
 */
import { type ErrorBody, MiniKafkaError, toMiniKafkaError } from '@mini-kafka/protocol';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import type { Logger } from '../logger.js';

/** A zod failure as INVALID_REQUEST, naming the fields and what is wrong, never their values. */
export function invalidInput(error: ZodError, what: string): MiniKafkaError {
  const problems = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : what;
    return `${path}: ${issue.message}`;
  });
  return new MiniKafkaError('INVALID_REQUEST', `Invalid ${what}: ${problems.join('; ')}`);
}

export function errorResponse(c: Context, thrown: unknown, logger: Logger): Response {
  const error = thrown instanceof ZodError ? invalidInput(thrown, 'request') : toMiniKafkaError(thrown);
  if (error.type === 'UNKNOWN_SERVER_ERROR' || error.type === 'KAFKA_STORAGE_ERROR') {
    logger.error({ err: thrown, method: c.req.method, path: c.req.path }, 'request failed');
  }
  const status = error.httpStatus as ContentfulStatusCode;
  if (c.req.path.startsWith('/v1/') || c.req.path === '/v1') {
    const body: ErrorBody = { error: error.toJSON() };
    return c.json(body, status);
  }
  return c.json({ detail: error.message }, status);
}
