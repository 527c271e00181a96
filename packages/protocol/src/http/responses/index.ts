/**
 * The zod schemas of the HTTP API's answers (`@mini-kafka/protocol/http-responses`), each
 * beside the response type of the same name in the main entry, which it matches exactly
 * (response-schemas.test.ts). Strict: a field an answer should not have fails them. Apart
 * from the main entry so that importing it (the SDK, the broker's routes) builds none of them:
 * the broker's OpenAPI document and the tests do.
 */
export * from './acls.js';
export * from './cluster.js';
export * from './common.js';
export * from './configs.js';
export * from './error-body.js';
export * from './fetch.js';
export * from './groups.js';
export * from './produce.js';
export * from './producers.js';
export * from './topics.js';
export * from './transactions.js';
export * from './tutorial.js';
