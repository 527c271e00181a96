/**
 * The run's chart, as SVG text made here (no chart library): one line per system, its
 * produce and consume rates as horizontal bars in two panels side by side, each panel on a
 * linear scale from 0 to its largest rate, the value printed at each bar. Mini Kafka's bars
 * are blue, the anchors' grey. A rate that was not measured draws no bar.
 */

export interface ChartRow {
  label: string;
  mini: boolean;
  produce: number;
  consume: number;
}

export interface ChartInput {
  title: string;
  subtitle: string;
  rows: ChartRow[];
}

const WIDTH = 1000;
const LABEL_WIDTH = 190;
const PANEL_WIDTH = 370;
const PANEL_GAP = 30;
const ROW_HEIGHT = 26;
const BAR_HEIGHT = 16;
const TOP = 92;
const VALUE_ROOM = 78;
const MINI_COLOR = '#2563eb';
const ANCHOR_COLOR = '#9ca3af';

export function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function formatValue(value: number): string {
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(2)} M`;
  if (value >= 1_000) return `${(value / 1_000).toFixed(value >= 100_000 ? 0 : 1)} k`;
  return value.toFixed(0);
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${x}" y="${y}"${attributes ? ` ${attributes}` : ''}>${escapeXml(content)}</text>`;
}

/** The bar of one value in a panel starting at `left`, scaled so `max` fills the panel (less room for the label). */
function bar(left: number, y: number, value: number, max: number, color: string): string[] {
  if (!Number.isFinite(value) || value <= 0 || !(max > 0)) return [];
  const width = Math.max(1, ((PANEL_WIDTH - VALUE_ROOM) * value) / max);
  return [
    `<rect x="${left}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${color}"/>`,
    text(left + width + 4, y + BAR_HEIGHT - 3, formatValue(value), 'class="value"'),
  ];
}

export function renderChart(input: ChartInput): string {
  const rows = input.rows.filter((row) => Number.isFinite(row.produce) || Number.isFinite(row.consume));
  const height = TOP + rows.length * ROW_HEIGHT + 36;
  const finite = (values: number[]): number[] => values.filter(Number.isFinite);
  const maxProduce = Math.max(0, ...finite(rows.map((row) => row.produce)));
  const maxConsume = Math.max(0, ...finite(rows.map((row) => row.consume)));
  const produceLeft = LABEL_WIDTH;
  const consumeLeft = LABEL_WIDTH + PANEL_WIDTH + PANEL_GAP;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${escapeXml(input.title)}</title>`,
    '<style>.value{fill:#111827;font-size:11px}.label{fill:#111827}.head{font-weight:bold}.note{fill:#4b5563}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    text(16, 24, input.title, 'font-size="16" class="head"'),
    text(16, 44, input.subtitle, 'class="note"'),
    `<rect x="${produceLeft}" y="54" width="12" height="12" fill="${MINI_COLOR}"/>`,
    text(produceLeft + 16, 64, 'Mini Kafka', 'class="note"'),
    `<rect x="${produceLeft + 100}" y="54" width="12" height="12" fill="${ANCHOR_COLOR}"/>`,
    text(produceLeft + 116, 64, 'anchors', 'class="note"'),
    text(produceLeft, TOP - 8, 'produce, records/s', 'class="head"'),
    text(consumeLeft, TOP - 8, 'consume, records/s', 'class="head"'),
  ];
  rows.forEach((row, i) => {
    const y = TOP + i * ROW_HEIGHT;
    const color = row.mini ? MINI_COLOR : ANCHOR_COLOR;
    parts.push(text(LABEL_WIDTH - 8, y + BAR_HEIGHT - 3, row.label, 'text-anchor="end" class="label"'));
    parts.push(...bar(produceLeft, y, row.produce, maxProduce, color));
    parts.push(...bar(consumeLeft, y, row.consume, maxConsume, color));
  });
  parts.push(
    text(
      16,
      height - 14,
      'Each panel has its own linear scale. Figures: medians of the rounds of one run.',
      'class="note"',
    ),
  );
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
