/**
 * `/console/topics` (every topic with partitions, records and size; a create form) and
 * `/console/topics/:topic` (partitions with offsets and sizes, every config with its source,
 * a form to set or remove configs, and delete).
 */
import type { ConfigEntry, TopicDescription } from '@mini-kafka/protocol';
import { html } from 'hono/html';
import { barChart } from './charts.js';
import { bytes, time } from './format.js';
import { type Html, type PageOptions, page } from './layout.js';

export interface TopicRow {
  name: string;
  partitions: number;
  records: number;
  sizeBytes: number;
}

export function topicListPage(rows: readonly TopicRow[], flash: PageOptions['flash']): Html {
  const body = html`<form class="inline" method="post" action="/console/topics" aria-label="Create topic">
<label>Name<input name="name" required maxlength="249" pattern="[a-zA-Z0-9._\\-]+"></label>
<label>Partitions<input name="partitions" type="number" min="1" max="1000" value="1"></label>
<label>Configs (name=value per line)<textarea name="configs" rows="1" cols="28" placeholder="retention.ms=86400000"></textarea></label>
<button type="submit">Create topic</button></form>
<table><tr><th>Topic</th><th class="n">Partitions</th><th class="n">Records</th><th class="n">Size</th></tr>
${rows.map(
  (t) => html`<tr><td><a href="/console/topics/${encodeURIComponent(t.name)}">${t.name}</a></td>
<td class="n">${t.partitions}</td><td class="n">${t.records}</td><td class="n">${bytes(t.sizeBytes)}</td></tr>`,
)}
${rows.length === 0 ? html`<tr><td colspan="4" class="muted">No topics yet.</td></tr>` : ''}</table>`;
  return page({ title: 'Topics', section: '/console/topics', flash }, body);
}

export function topicPage(topic: TopicDescription, configs: readonly ConfigEntry[], flash: PageOptions['flash']): Html {
  const path = `/console/topics/${encodeURIComponent(topic.name)}`;
  const parts = topic.partitionDetails;
  const body = html`<p class="muted">Id ${topic.topicId} · created ${time(topic.createdAt)} ·
<a href="${path}/messages">Browse messages</a> · <a href="/console/produce?topic=${encodeURIComponent(topic.name)}">Produce</a></p>
<h2>Partitions</h2>
<table><tr><th class="n">Partition</th><th class="n">Start offset</th><th class="n">End offset</th><th class="n">Records</th><th class="n">Size</th><th class="n">Segments</th><th>Status</th></tr>
${parts.map(
  (p) => html`<tr><td class="n"><a href="${path}/messages?partition=${p.partition}">${p.partition}</a></td>
<td class="n">${p.logStartOffset}</td><td class="n">${p.logEndOffset}</td><td class="n">${Math.max(0, p.highWatermark - p.logStartOffset)}</td>
<td class="n">${bytes(Math.max(0, p.sizeBytes))}</td><td class="n">${p.segments}</td>
<td>${p.offline !== undefined ? `offline: ${p.offline.reason}` : p.damage !== undefined ? 'damaged at start' : 'online'}</td></tr>`,
)}</table>
${barChart(
  'Bytes stored per partition',
  parts.map((p) => ({ label: `partition ${p.partition}`, value: Math.max(0, p.sizeBytes) })),
  bytes,
)}
<h2>Configuration</h2>
<table><tr><th>Name</th><th>Value</th><th>Source</th></tr>
${configs.map(
  (e) => html`<tr><td>${e.name}</td><td>${e.sensitive ? '(sensitive)' : (e.value ?? '')}</td><td>${e.source}</td></tr>`,
)}</table>
<form class="inline" method="post" action="${path}/configs" aria-label="Alter configs">
<label>Set (name=value per line)<textarea name="set" rows="2" cols="34" placeholder="retention.ms=3600000"></textarea></label>
<label>Reset to default (names, comma-separated)<input name="delete" size="30"></label>
<button type="submit">Alter configs</button></form>
<h2>Delete</h2>
<form class="inline" method="post" action="${path}/delete" aria-label="Delete topic">
<label>Type the topic's name to confirm<input name="confirm" required></label>
<button type="submit" class="danger">Delete topic</button></form>`;
  return page({ title: `Topic ${topic.name}`, section: '/console/topics', flash }, body);
}
