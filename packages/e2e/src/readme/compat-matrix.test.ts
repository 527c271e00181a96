/** The matrix the README shows: clients as columns, features as rows, one note per distinct reason. */
import { describe, expect, it } from 'vitest';
import type { CompatResult } from '../support/compat-results.js';
import { renderCompatMatrix } from './compat-matrix.js';

const results: CompatResult[] = [
  {
    client: 'sarama 1.22.1 (MaxVersion)',
    feature: 'admin: delete topics',
    status: 'pending',
    detail: 'DeleteTopics (20)',
  },
  {
    client: 'sarama 1.22.1 (MaxVersion)',
    feature: 'admin: delete records',
    status: 'pending',
    detail: 'DeleteTopics (20)',
  },
  { client: 'kafkajs 2.2.4', feature: 'admin: delete topics', status: 'fail', detail: 'step delete: EOF' },
  { client: 'kafkajs 2.2.4', feature: 'metadata', status: 'pass', detail: '' },
  { client: 'librdkafka 2.0.2', feature: 'admin: delete records', status: 'skip', detail: 'binding | has none' },
];

describe('compatibility matrix', () => {
  const table = renderCompatMatrix(results).split('\n');

  it('puts kafkajs, then librdkafka, then sarama in columns, and the issue features in order', () => {
    expect(table[0]).toBe('| feature | kafkajs 2.2.4 | librdkafka 2.0.2 | sarama 1.22.1 (MaxVersion) |');
    expect(table.slice(2, 5).map((row) => row.split(' | ')[0])).toEqual([
      '| metadata',
      '| admin: delete topics',
      '| admin: delete records',
    ]);
  });

  it('marks each cell and gives every distinct reason one note', () => {
    expect(table[2]).toBe('| metadata | ✅ |  |  |');
    expect(table[3]).toBe('| admin: delete topics | ❌<sup>1</sup> |  | 🚧<sup>2</sup> |');
    expect(table[4]).toBe('| admin: delete records |  | ➖<sup>3</sup> | 🚧<sup>2</sup> |');
    const notes = table.filter((line) => /^\d+\. /.test(line));
    expect(notes).toEqual([
      '1. fails: step delete: EOF',
      '2. waits for the broker: DeleteTopics (20)',
      '3. the client cannot: binding | has none',
    ]);
  });

  it('says so when nothing was recorded', () => {
    expect(renderCompatMatrix([])).toContain('run `pnpm compat-matrix`');
  });
});
