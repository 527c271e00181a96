/** The JSON body of every /v1 error: `{ "error": { "code", "name", "message" } }`. */
import type { ErrorType } from '../error-codes.js';

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
