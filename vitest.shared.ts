// Shared vitest settings: resolve workspace packages to their TypeScript source
// through the "@mini-kafka/source" export condition, so tests never need a build.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export const sourceConditions = ['@mini-kafka/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Seeds fast-check with the run's seed and prints it when a test fails (replayable runs).
    setupFiles: [fileURLToPath(new URL('./packages/testing/src/vitest-setup.ts', import.meta.url))],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
