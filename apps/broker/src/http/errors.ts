/**
 * The HTTP API's two error shapes and the handlers that answer with them. Which shape a
 * request gets is decided by the app that serves it (see api-app.ts), never by its path:
 * the /v1 app answers `{"error":{"code","name","message"}}`, the tutorial app and
 * everything outside both APIs `{"detail": "..."}`. Codes and statuses come from the error
 * table. Unknown errors become a 500 that says nothing of their text (it may hold data);
 * they are logged instead.
 */
import { type ErrorBody, MiniKafkaError, type TutorialErrorBody, toMiniKafkaError } from '@mini-kafka/protocol';
import type { Context, ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import type { Logger } from '../logger.js';

/** How one API writes an error in its answers. */
export interface ErrorShape {
  body(error: MiniKafkaError): ErrorBody | TutorialErrorBody;
}

/** The /v1 API: Kafka's code and name, the message, and details when there are any. */
export const v1Errors: ErrorShape = { body: (error) => ({ error: error.toJSON() }) };

/** The tutorial's routes (FastAPI style), also used for paths outside both APIs. */
export const tutorialErrors: ErrorShape = { body: (error) => ({ detail: error.message }) };

/** A zod failure as INVALID_REQUEST, naming the fields and what is wrong, never their values. */
export function invalidInput(error: ZodError, what: string): MiniKafkaError {
  const problems = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : what;
    return `${path}: ${issue.message}`;
  });
  return new MiniKafkaError('INVALID_REQUEST', `Invalid ${what}: ${problems.join('; ')}`);
}

/** Anything a route throws, as the error the API reports. */
export function toHttpError(thrown: unknown): MiniKafkaError {
  return thrown instanceof ZodError ? invalidInput(thrown, 'request') : toMiniKafkaError(thrown);
}

/** An app's `onError`: answers in `shape` with the table's status, logging what is the broker's fault. */
export function answerErrors(shape: ErrorShape, logger: Logger): ErrorHandler {
  return (thrown, c) => {
    const error = toHttpError(thrown);
    if (error.type === 'UNKNOWN_SERVER_ERROR' || error.type === 'KAFKA_STORAGE_ERROR') {
      logger.error({ err: thrown, method: c.req.method, path: c.req.path }, 'request failed');
    }
    return c.json(shape.body(error), error.httpStatus as ContentfulStatusCode);
  };
}

/** The 404 for a path no route of the app serves: INVALID_REQUEST in `shape`, naming the method and path. */
export function answerNoRoute(shape: ErrorShape): (c: Context) => Response {
  return (c) => {
    const error = new MiniKafkaError('INVALID_REQUEST', `No route for ${c.req.method} ${c.req.path.slice(0, 200)}`);
    return c.json(shape.body(error), 404);
  };
}
