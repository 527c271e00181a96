/** The schemas of the error bodies (`ErrorBody` of /v1, `TutorialErrorBody` of the tutorial's routes). */
import * as z from 'zod';
import { ERROR_CODES, type ErrorType } from '../../error-codes.js';

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
