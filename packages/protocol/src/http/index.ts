export * from './common.js';
export * from './error-body.js';
export * from './fetch.js';
export * from './groups.js';
export * from './produce.js';
export * from './producers.js';
export * from './topics.js';
