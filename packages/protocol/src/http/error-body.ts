/** The JSON body of every /v1 error: `{ "error": { "code", "name", "message" } }`. */
import * as z from 'zod';
import { ERROR_CODES, type ErrorType } from '../error-codes.js';

export interface ErrorBody {
  error: {
    /** Kafka's numeric error code (-1 for errors Kafka has no code for). */
    code: number;
    /** Kafka's error name, e.g. OFFSET_OUT_OF_RANGE. */
    name: ErrorType;
    message: string;
    details?: Record<string, string | number | boolean | undefined>;
  };
}

/** The tutorial routes' error body (FastAPI style): `{ "detail": "..." }`. */
export interface TutorialErrorBody {
  detail: string;
}

/** Every error name of the error table. */
export const errorName = z.enum(Object.keys(ERROR_CODES) as [ErrorType, ...ErrorType[]]);

/** The schema of `ErrorBody`. */
export const errorBody = z.strictObject({
  error: z.strictObject({
    code: z.int(),
    name: errorName,
    message: z.string(),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).optional()).optional(),
  }),
});

/** The schema of `TutorialErrorBody`. */
export const tutorialErrorBody = z.strictObject({ detail: z.string() });
