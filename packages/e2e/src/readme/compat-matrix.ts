/**
 * The README's compatibility matrix: real clients (columns) × features (rows), rendered from
 * the results the client tests record (`support/compat-results.ts`). A cell is ✅ passed,
 * ❌ failed, 🚧 waiting for a broker feature or ➖ beyond the client; every cell but ✅ gets a
 * note below the table with the reason and the client's own error, so the table says what
 * works and the notes say why not.
 */
import type { CompatResult } from '../support/compat-results.js';

/** Rows in this order first (the features); any other feature follows, sorted. */
const FEATURE_ORDER = [
  'metadata',
  'produce keyed',
  'consumer group',
  'produce keyed and consume in a group',
  'list offsets',
  'idempotent producer',
  'admin: create topics',
  'admin: describe and alter configs',
  'admin: incremental alter configs',
  'admin: create partitions',
  'admin: delete topics',
  'admin: delete records',
  'admin: list groups',
  'admin: describe groups',
  'admin: list and describe groups',
  'admin: delete groups',
  'admin: fetch group offsets',
  'admin: reset group offsets',
  'admin: describe cluster',
  'static membership',
  'cooperative rebalancing',
];

/** Columns in this order: npm's client first, then librdkafka and kcat (built on it), then the Go clients. */
const CLIENT_ORDER = ['kafkajs', 'librdkafka', 'kcat', 'sarama', 'kafka-go'];

const SYMBOL = { pass: '✅', fail: '❌', skip: '➖', pending: '🚧' } as const;
const WORD = { fail: 'fails', skip: 'the client cannot', pending: 'waits for the broker' } as const;

function rank(order: string[], name: string): number {
  const index = order.findIndex((prefix) => name.startsWith(prefix));
  return index === -1 ? order.length : index;
}

const inOrder =
  (order: string[]) =>
  (a: string, b: string): number =>
    rank(order, a) - rank(order, b) || a.localeCompare(b);

const cell = (text: string): string => text.replaceAll('|', '\\|');

export function renderCompatMatrix(results: readonly CompatResult[]): string {
  if (results.length === 0) return '_No client results recorded: run `pnpm compat-matrix`._';
  const clients = [...new Set(results.map((r) => r.client))].sort(inOrder(CLIENT_ORDER));
  const features = [...new Set(results.map((r) => r.feature))].sort(inOrder(FEATURE_ORDER));
  const find = (client: string, feature: string) => results.find((r) => r.client === client && r.feature === feature);

  const lines = [`| feature | ${clients.map(cell).join(' | ')} |`, `| --- | ${clients.map(() => ':-:').join(' | ')} |`];
  // One note per distinct reason: cells that fail the same way point at the same note.
  const notes: string[] = [];
  const noteOf = (text: string): number => {
    const index = notes.indexOf(text);
    return index === -1 ? notes.push(text) : index + 1;
  };
  for (const feature of features) {
    const cells = clients.map((client) => {
      const result = find(client, feature);
      if (result === undefined) return '';
      if (result.status === 'pass') return SYMBOL.pass;
      const note = noteOf(`${WORD[result.status]}: ${result.detail}`);
      return `${SYMBOL[result.status]}<sup>${note}</sup>`;
    });
    lines.push(`| ${cell(feature)} | ${cells.join(' | ')} |`);
  }
  const legend = `${SYMBOL.pass} passes, ${SYMBOL.fail} fails, ${SYMBOL.pending} waits for a broker feature (skipped until it lands), ${SYMBOL.skip} the client cannot (skipped); an empty cell is not covered. Notes: what is missing, then the client's own error.`;
  const numbered = notes.map((note, i) => `${i + 1}. ${note}`);
  return [...lines, '', legend, ...(numbered.length > 0 ? ['', ...numbered] : [])].join('\n');
}
