/** Several tests may record the same client and feature: the matrix must show the worst outcome. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type CompatResult, readCompatResults } from './compat-results.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const line = (feature: string, status: CompatResult['status'], detail = ''): string =>
  JSON.stringify({ client: 'kcat', feature, status, detail });

describe('readCompatResults', () => {
  it('keeps a failure over a later pass, and the later of two equal outcomes', async () => {
    const file = join(await dirs.make(), 'results.jsonl');
    writeFileSync(
      file,
      [
        line('metadata', 'fail', 'EOF'),
        line('metadata', 'pass'),
        line('produce keyed', 'pass'),
        line('produce keyed', 'skip', 'no binary'),
        line('list offsets', 'skip', 'first'),
        line('list offsets', 'skip', 'second'),
        '',
      ].join('\n'),
    );
    const byFeature = Object.fromEntries(readCompatResults(file).map((r) => [r.feature, [r.status, r.detail]]));
    expect(byFeature).toEqual({
      metadata: ['fail', 'EOF'],
      'produce keyed': ['skip', 'no binary'],
      'list offsets': ['skip', 'second'],
    });
  });
});
