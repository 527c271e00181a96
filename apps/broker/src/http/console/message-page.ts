/**
 * `/console/topics/:topic/messages`: the records of one partition from an offset (or the
 * first offset at or after a time), at most MAX_MESSAGES of them, each key, value and
 * header shown as text, JSON or hex (record-view.ts), with links to the pages before and after.
 */
import type { StoredRecord } from '@mini-kafka/storage';
import { html } from 'hono/html';
import { time } from './format.js';
import { type Html, page } from './layout.js';
import { showBytes, VIEW_FORMATS, type ViewFormat } from './record-view.js';

export const MAX_MESSAGES = 50;
/** Headers shown per record at most. */
export const MAX_HEADERS = 20;

export interface MessageView {
  topic: string;
  partitions: number;
  partition: number;
  offset: number;
  format: ViewFormat;
  records: readonly StoredRecord[];
  nextOffset: number;
  logStartOffset: number;
  highWatermark: number;
  /** The time asked for, when the offset came from it. */
  at?: string | undefined;
}

function headers(record: StoredRecord, format: ViewFormat): Html {
  const shown = record.headers.slice(0, MAX_HEADERS);
  const more = record.headers.length - shown.length;
  return html`${shown.map((h) => html`<pre><b>${h.key.slice(0, 200)}</b>: ${showBytes(h.value, format)}</pre>`)}${
    more > 0 ? html`<span class="muted">… ${more} more headers</span>` : ''
  }`;
}

export function messagePage(view: MessageView): Html {
  const base = `/console/topics/${encodeURIComponent(view.topic)}/messages`;
  const link = (offset: number, format = view.format): string =>
    `${base}?partition=${view.partition}&offset=${offset}&format=${format}`;
  const previous = Math.max(view.logStartOffset, view.offset - MAX_MESSAGES);
  const body = html`<p><a href="/console/topics/${encodeURIComponent(view.topic)}">← topic ${view.topic}</a>
· offsets ${view.logStartOffset} to ${view.highWatermark - 1}</p>
<form class="inline" method="get" action="${base}" aria-label="Find messages">
<label>Partition<select name="partition">${Array.from(
    { length: view.partitions },
    (_, p) => html`<option value="${p}" ${p === view.partition ? 'selected' : ''}>${p}</option>`,
  )}</select></label>
<label>From offset<input name="offset" type="number" min="0" value="${view.at === undefined ? view.offset : ''}"></label>
<label>or from time (ISO or ms)<input name="time" value="${view.at ?? ''}" placeholder="2026-01-01T00:00:00Z"></label>
<label>Show as<select name="format">${VIEW_FORMATS.map(
    (f) => html`<option value="${f}" ${f === view.format ? 'selected' : ''}>${f}</option>`,
  )}</select></label>
<button type="submit">Show</button></form>
<p>${VIEW_FORMATS.map((f) => (f === view.format ? html`<b>${f}</b> ` : html`<a href="${link(view.offset, f)}">${f}</a> `))}
· ${view.offset > view.logStartOffset ? html`<a href="${link(previous)}">← earlier</a>` : ''}
${view.nextOffset < view.highWatermark ? html`<a href="${link(view.nextOffset)}">later →</a>` : ''}</p>
<table aria-label="Messages"><tr><th class="n">Offset</th><th>Time</th><th>Key</th><th>Value</th><th>Headers</th></tr>
${view.records.map(
  (r) => html`<tr><td class="n">${r.offset}</td><td>${time(r.timestamp)}</td>
<td><pre>${showBytes(r.key, view.format)}</pre></td><td><pre>${showBytes(r.value, view.format)}</pre></td>
<td>${headers(r, view.format)}</td></tr>`,
)}
${view.records.length === 0 ? html`<tr><td colspan="5" class="muted">No records from offset ${view.offset}.</td></tr>` : ''}</table>`;
  return page({ title: `Messages in ${view.topic}`, section: '/console/topics' }, body);
}
