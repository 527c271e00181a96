/**
 * `/console/transactions`: every transactional id the broker coordinates (those the viewer may
 * Describe) with its state, producer id and epoch, when its open transaction started and the
 * partitions in it: the page to look at when read_committed readers stand still.
 */
import type { TransactionDescription } from '@mini-kafka/coordinator';
import { html } from 'hono/html';
import { type Html, type PageOptions, page } from './layout.js';

const started = (ms: number): string => (ms < 0 ? '—' : new Date(ms).toISOString());

export function transactionListPage(
  transactions: readonly TransactionDescription[],
  flash: PageOptions['flash'],
): Html {
  const body = html`<table><tr><th>Transactional id</th><th>State</th><th class="n">Producer id</th><th class="n">Epoch</th><th>Started</th><th>Partitions</th></tr>
${transactions.map(
  (t) => html`<tr><td>${t.transactionalId}</td><td>${t.state}</td><td class="n">${t.producerId}</td>
<td class="n">${t.producerEpoch}</td><td>${started(t.transactionStartTimeMs)}</td>
<td>${t.partitions.map(({ topic, partition }) => `${topic}-${partition}`).join(', ') || '—'}</td></tr>`,
)}
${transactions.length === 0 ? html`<tr><td colspan="6" class="muted">No transactional producers yet.</td></tr>` : ''}</table>`;
  return page({ title: 'Transactions', section: '/console/transactions', flash }, body);
}
