/** The README's APIs-and-versions table is the broker's ApiVersions answer (`pnpm compat-matrix` rewrites it). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { brokerApis, renderApiTable } from './api-table.js';
import { normalizeTable, README_PATH, readSection } from './readme-sections.js';

describe('README: Kafka APIs and versions', () => {
  it('lists exactly the APIs and version ranges the broker advertises', async () => {
    const apis = await brokerApis();
    expect(apis.map((api) => api.apiKey)).toContain(18);
    const documented = readSection(readFileSync(README_PATH, 'utf8'), 'api-versions');
    expect(normalizeTable(documented), 'README is out of date: run `pnpm compat-matrix --api-table`').toBe(
      normalizeTable(renderApiTable(apis)),
    );
  });
});
