import { describe, expect, it } from 'vitest';
import { escapeXml, renderChart } from './svg-chart.js';

const widths = (svg: string, color: string): number[] =>
  [...svg.matchAll(new RegExp(`<rect x="\\d+" y="\\d+" width="([\\d.]+)" height="16" fill="${color}"/>`, 'g'))].map(
    (match) => Number(match[1]),
  );

describe('renderChart', () => {
  const svg = renderChart({
    title: 'Mini Kafka & friends <test>',
    subtitle: '2 cores',
    rows: [
      { label: 'SDK', mini: true, produce: 200_000, consume: 100_000 },
      { label: 'Redis', mini: false, produce: 100_000, consume: Number.NaN },
      { label: 'nothing', mini: false, produce: Number.NaN, consume: Number.NaN },
    ],
  });

  it('is one SVG document with its text escaped', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('Mini Kafka &amp; friends &lt;test&gt;');
    expect(svg).not.toContain('<test>');
  });

  it('draws a bar per measured rate, to scale within each panel', () => {
    const mini = widths(svg, '#2563eb');
    const anchors = widths(svg, '#9ca3af');
    expect(mini).toHaveLength(2);
    expect(anchors).toHaveLength(1);
    expect(mini[0]).toBeCloseTo(anchors[0]! * 2, 0);
    expect(mini[1]).toBeCloseTo(mini[0]!, 0);
    expect(svg).toContain('200 k');
    expect(svg).not.toContain('>nothing<');
  });

  it('escapes every XML special character', () => {
    expect(escapeXml(`a&b<c>"d"`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;');
  });
});
