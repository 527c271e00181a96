/**
 * Charts as inline SVG, drawn on the server: a line chart of samples over time and a
 * horizontal bar chart. Labels are escaped like any other text; no script is needed.
 */
import { html } from 'hono/html';
import type { Html } from './layout.js';

export interface Series {
  name: string;
  color: string;
  values: readonly number[];
}

function short(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** Lines over equally spaced samples, the newest on the right. */
export function lineChart(title: string, series: readonly Series[], width = 520, height = 160): Html {
  const pad = { left: 44, right: 8, top: 22, bottom: 18 };
  const count = Math.max(2, ...series.map((s) => s.values.length));
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (i: number): number => pad.left + (i * (width - pad.left - pad.right)) / (count - 1);
  const y = (v: number): number => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  const lines = series.map((s) => {
    const offset = count - s.values.length;
    const points = s.values.map((v, i) => `${x(i + offset).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    return html`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${points}"/>`;
  });
  const legend = series.map(
    (s, i) => html`<text x="${pad.left + 8 + i * 130}" y="14" font-size="11" fill="${s.color}">■ ${s.name}</text>`,
  );
  return html`<svg role="img" aria-label="${title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<title>${title}</title>
<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" stroke="#ccd"/>
<text x="${pad.left - 4}" y="${pad.top + 4}" font-size="10" text-anchor="end" fill="#667">${short(max)}</text>
<text x="${pad.left - 4}" y="${height - pad.bottom}" font-size="10" text-anchor="end" fill="#667">0</text>
${legend}${lines}</svg>`;
}

export interface Bar {
  label: string;
  value: number;
}

/** One bar per entry, labelled with `show(value)`, longest bar = largest value; at most `limit` bars. */
export function barChart(
  title: string,
  bars: readonly Bar[],
  show: (value: number) => string,
  limit = 30,
  width = 520,
): Html {
  const shown = bars.slice(0, limit);
  const rowHeight = 20;
  const labelWidth = 150;
  const height = Math.max(1, shown.length) * rowHeight + 26;
  const max = Math.max(1, ...shown.map((b) => b.value));
  const rows = shown.map((b, i) => {
    const length = ((width - labelWidth - 70) * b.value) / max;
    const top = 20 + i * rowHeight;
    return html`<text x="${labelWidth - 6}" y="${top + 13}" font-size="11" text-anchor="end">${b.label.slice(0, 24)}</text>
<rect x="${labelWidth}" y="${top + 3}" width="${Math.max(1, length).toFixed(1)}" height="${rowHeight - 6}" fill="#2f6fde"/>
<text x="${labelWidth + length + 5}" y="${top + 13}" font-size="11" fill="#334">${show(b.value)}</text>`;
  });
  const empty =
    shown.length === 0 ? html`<text x="${labelWidth}" y="36" font-size="11" fill="#778">nothing yet</text>` : '';
  return html`<svg role="img" aria-label="${title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<title>${title}</title><text x="8" y="14" font-size="11" fill="#556">${title}</text>${rows}${empty}</svg>`;
}
