export * from './core.js';
export * from './http/index.js';
