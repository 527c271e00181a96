/** The route table: every route of the HTTP API, the /v1 API's and the tutorial's, the one source of its OpenAPI document. */
import type { Operation } from './operation.js';
import { TUTORIAL_OPERATIONS } from './tutorial-operations.js';
import { V1_OPERATIONS } from './v1-operations.js';

export const ROUTE_TABLE: readonly Operation[] = [...V1_OPERATIONS, ...TUTORIAL_OPERATIONS];
