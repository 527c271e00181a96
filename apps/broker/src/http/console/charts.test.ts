import { describe, expect, it } from 'vitest';
import { barChart, lineChart } from './charts.js';

describe('charts', () => {
  it('draws one bar per entry, the largest the longest, with escaped labels', async () => {
    const svg = String(
      await barChart(
        'Lag',
        [
          { label: '<t>-0', value: 10 },
          { label: 't-1', value: 5 },
        ],
        (n) => `${n} records`,
      ),
    );
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[0]).toBeCloseTo(2 * widths[1]!, 1);
    expect(svg).toContain('&lt;t&gt;-0');
    expect(svg).not.toContain('<t>');
    expect(svg).toContain('10 records');
  });

  it('draws a line per series scaled to the largest value', async () => {
    const svg = String(await lineChart('Rates', [{ name: 'in', color: '#000', values: [0, 4, 2] }]));
    const points = /points="([^"]+)"/.exec(svg)?.[1]?.split(' ') ?? [];
    expect(points).toHaveLength(3);
    const ys = points.map((p) => Number(p.split(',')[1]));
    expect(Math.min(...ys)).toBe(ys[1]);
    expect(svg).toContain('>4</text>');
  });
});
