/**
 * The HTTP API's two error shapes and the handlers that answer with them. Which shape a
 * request gets is decided by the app that serves it (see api-app.ts), never by its path:
 * the /v1 app answers `{"error":{"code","name","message"}}`, the tutorial app and
 * everything outside both APIs `{"detail": "..."}`. Codes and statuses come from the error
 * table, except for storage errors, whose cause picks the status (`httpStatusOf`). Unknown
 * errors become a 500 that says nothing of their text (it may hold data); they are logged
 * instead.
 */
import { type ErrorBody, MiniKafkaError, type TutorialErrorBody, toMiniKafkaError } from '@mini-kafka/protocol';
import { OUT_OF_FILES_CODES, OUT_OF_SPACE_CODES } from '@mini-kafka/storage';
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

/**
 * The status `error` is answered with. A storage error (KAFKA_STORAGE_ERROR, retriable) says
 * what ran out in `details.ioError`: a full data directory (ENOSPC, EDQUOT) is 507
 * Insufficient Storage, no file descriptors left (EMFILE, ENFILE) 503 Service Unavailable;
 * both pass once space or descriptors are freed, no restart needed. Any other cause (EACCES,
 * EIO, ...) keeps the table's 500. Everything else: the table's status.
 */
export function httpStatusOf(error: MiniKafkaError): number {
  const cause = error.details.ioError;
  if (error.type !== 'KAFKA_STORAGE_ERROR' || typeof cause !== 'string') return error.httpStatus;
  if (OUT_OF_SPACE_CODES.has(cause)) return 507;
  if (OUT_OF_FILES_CODES.has(cause)) return 503;
  return error.httpStatus;
}

/** An app's `onError`: answers in `shape` with the error's status, logging what is the broker's fault. */
export function answerErrors(shape: ErrorShape, logger: Logger): ErrorHandler {
  return (thrown, c) => {
    const error = toHttpError(thrown);
    if (error.type === 'UNKNOWN_SERVER_ERROR' || error.type === 'KAFKA_STORAGE_ERROR') {
      logger.error({ err: thrown, method: c.req.method, path: c.req.path }, 'request failed');
    }
    return c.json(shape.body(error), httpStatusOf(error) as ContentfulStatusCode);
  };
}

/** The 404 for a path no route of the app serves: INVALID_REQUEST in `shape`, naming the method and path. */
export function answerNoRoute(shape: ErrorShape): (c: Context) => Response {
  return (c) => {
    const error = new MiniKafkaError('INVALID_REQUEST', `No route for ${c.req.method} ${c.req.path.slice(0, 200)}`);
    return c.json(shape.body(error), 404);
  };
}
