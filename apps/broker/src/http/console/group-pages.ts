/**
 * `/console/groups` (every group with state and members) and `/console/groups/:group`
 * (members and their assignments, committed offsets and lag per partition with a chart,
 * and a form to reset a topic's offsets to earliest, latest, an offset or a time).
 */
import type { GroupDescription, GroupSummary } from '@mini-kafka/protocol';
import { html } from 'hono/html';
import { barChart } from './charts.js';
import { type Html, type PageOptions, page } from './layout.js';

export function groupListPage(groups: readonly GroupSummary[], flash: PageOptions['flash']): Html {
  const body = html`<table><tr><th>Group</th><th>State</th><th class="n">Members</th><th>Protocol</th></tr>
${groups.map(
  (g) => html`<tr><td><a href="/console/groups/${encodeURIComponent(g.groupId)}">${g.groupId}</a></td>
<td>${g.state}</td><td class="n">${g.members}</td><td>${g.protocolType ?? 'http'}</td></tr>`,
)}
${groups.length === 0 ? html`<tr><td colspan="4" class="muted">No consumer groups yet.</td></tr>` : ''}</table>`;
  return page({ title: 'Consumer groups', section: '/console/groups', flash }, body);
}

export function groupPage(group: GroupDescription, flash: PageOptions['flash']): Html {
  const path = `/console/groups/${encodeURIComponent(group.groupId)}`;
  const topics = [...new Set(group.offsets.map((o) => o.topic))];
  const totalLag = group.offsets.reduce((sum, o) => sum + o.lag, 0);
  const body = html`<p>State <b>${group.state}</b> · generation ${group.generationId} · assignor ${group.assignor || '—'}
· total lag <b data-total-lag="${totalLag}">${totalLag}</b></p>
<h2>Members</h2>
<table><tr><th>Member</th><th>Client</th><th>Topics</th><th>Assignment</th><th class="n">Last seen</th></tr>
${group.members.map(
  (m) => html`<tr><td>${m.memberId}</td><td>${m.clientId}</td><td>${m.topics.join(', ')}</td>
<td>${m.assignment.map((a) => `${a.topic}-${a.partition}`).join(', ')}</td><td class="n">${Math.round(m.lastSeenAgoMs / 1000)} s ago</td></tr>`,
)}
${group.members.length === 0 ? html`<tr><td colspan="5" class="muted">No members (offsets only).</td></tr>` : ''}</table>
<h2>Lag per partition</h2>
<table aria-label="Lag"><tr><th>Topic</th><th class="n">Partition</th><th class="n">Committed</th><th class="n">Start</th><th class="n">End</th><th class="n">Lag</th></tr>
${group.offsets.map(
  (o) => html`<tr><td>${o.topic}</td><td class="n">${o.partition}</td><td class="n">${o.committed ?? '—'}</td>
<td class="n">${o.logStartOffset}</td><td class="n">${o.logEndOffset}</td><td class="n">${o.lag}</td></tr>`,
)}</table>
${barChart(
  'Lag per partition (records)',
  group.offsets.map((o) => ({ label: `${o.topic}-${o.partition}`, value: o.lag })),
  (n) => `${n} records`,
  60,
)}
<h2>Reset offsets</h2>
<form class="inline" method="post" action="${path}/reset" aria-label="Reset offsets">
<label>Topic<select name="topic">${topics.map((t) => html`<option>${t}</option>`)}</select></label>
<label>Partition (empty: all)<input name="partition" type="number" min="0" size="5"></label>
<label>To<select name="to"><option value="earliest">earliest</option><option value="latest">latest</option>
<option value="offset">offset</option><option value="timestamp">time</option></select></label>
<label>Offset or time (ISO or ms)<input name="value" size="22"></label>
<button type="submit">Reset offsets</button></form>
<p class="muted">Kafka refuses a reset while the group has members; stop its consumers first.</p>`;
  return page({ title: `Group ${group.groupId}`, section: '/console/groups', flash }, body);
}
