export * from './cluster.js';
export * from './common.js';
export * from './configs.js';
export * from './error-body.js';
export * from './fetch.js';
export * from './groups.js';
export * from './produce.js';
export * from './topics.js';
