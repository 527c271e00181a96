/**
 * `/`: uptime, listeners, counts, throughput over the last minutes (from the same counters
 * as /metrics, sampled by throughput-sampler.ts) and storage per topic. Reloads itself.
 */
import { html } from 'hono/html';
import type { AppContext } from '../app-context.js';
import { barChart, lineChart } from './charts.js';
import { bytes, duration } from './format.js';
import { type Html, page } from './layout.js';
import type { Rate, Sample } from './throughput-sampler.js';

/** `now`: the counters' totals at this request; `rates`: the sampler's history. */
export function overviewPage(ctx: AppContext, now: Sample, rates: readonly Rate[]): Html {
  const topics = ctx.logs.listTopics();
  const storage = topics
    .map((t) => {
      let size = 0;
      for (let p = 0; p < t.partitions; p++) size += Math.max(0, ctx.logs.getLog(t.name, p).size);
      return { label: t.name, value: size };
    })
    .sort((a, b) => b.value - a.value);
  const kafka = ctx.advertised();
  const groups = ctx.coordinator.listGroups({});
  const card = (label: string, value: string | number): Html =>
    html`<div class="card"><small>${label}</small><strong>${value}</strong></div>`;
  const body = html`<div class="cards">
${card('Uptime', duration(ctx.clock.now() - ctx.startedAt))}
${card('Topics', topics.length)}
${card('Consumer groups', groups.length)}
${card('Records in (total)', now.recordsIn)}
${card('Records out (total)', now.recordsOut)}
${card('Stored', bytes(storage.reduce((sum, s) => sum + s.value, 0)))}
</div>
<h2>Listeners</h2>
<table><tr><th>Listener</th><th>Address</th></tr>
<tr><td>HTTP</td><td>${ctx.httpUrl}</td></tr>
<tr><td>Kafka</td><td>${kafka === undefined ? 'off' : `${kafka.host}:${kafka.port}`}</td></tr></table>
<h2>Throughput <span class="muted">(per second, one point every 5 s)</span></h2>
${lineChart('Records per second', [
  { name: 'records in', color: '#2f6fde', values: rates.map((r) => r.recordsIn) },
  { name: 'records out', color: '#e67e22', values: rates.map((r) => r.recordsOut) },
])}
${lineChart('Bytes per second', [
  { name: 'bytes in', color: '#16a085', values: rates.map((r) => r.bytesIn) },
  { name: 'bytes out', color: '#8e44ad', values: rates.map((r) => r.bytesOut) },
])}
<h2>Storage per topic</h2>
${barChart('Bytes stored per topic', storage, bytes)}`;
  return page({ title: 'Overview', section: '/', refreshSeconds: 10 }, body);
}
