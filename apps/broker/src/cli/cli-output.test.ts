import { describe, expect, it } from 'vitest';
import { formatTable } from './cli-output.js';

describe('formatTable', () => {
  it('pads columns to their widest cell, right-aligns numbers, and shows a missing value as -', () => {
    expect(
      formatTable(
        ['topic', 'partitions', 'note'],
        [
          ['orders', 12, null],
          ['a', 3, 'x'],
        ],
      ),
    ).toBe(['TOPIC   PARTITIONS  NOTE', 'orders          12  -', 'a                3  x', ''].join('\n'));
  });

  it('prints only the header row when there are no rows', () => {
    expect(formatTable(['group', 'state'], [])).toBe('GROUP  STATE\n');
  });
});
