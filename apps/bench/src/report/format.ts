/** How figures are printed in the tables; a figure that was not measured (NaN) prints as "·". */

const MISSING = '·';

export function formatRate(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : MISSING;
}

export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return MISSING;
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`;
}

export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return MISSING;
  return `${value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1)} ms`;
}

export function formatMiB(bytes: number): string {
  return Number.isFinite(bytes) ? `${Math.round(bytes / 1024 / 1024).toLocaleString('en-US')} MiB` : MISSING;
}

export function formatSeconds(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)} s` : MISSING;
}

/** A markdown table; `align` per column: 'l' or 'r'. */
export function markdownTable(headers: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const line = (cells: string[]): string => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  const rule = `| ${headers.map((_, i) => (align[i] === 'r' ? '---:' : '---')).join(' | ')} |`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}
