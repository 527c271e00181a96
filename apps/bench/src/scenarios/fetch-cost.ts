/**
 * Fetch cost along a long log: the big log (one partition of plan.bigLogRecords records),
 * a broker started on it (its start-up is recorded too), then GET .../partitions/0/records
 * maxRecords=1000 at the start (offset 0), the middle and the end (the last 1,000
 * records), timed from request to the answer's last byte (not decoded). Positions take
 * turns, plan.fetchSamples untimed rounds first, then plan.fetchSamples timed; each
 * position's figure is its median, and the round's end ÷ start ratio is recorded too.
 */
import { median } from '../core/stats.js';
import { startBroker } from '../procs/broker-process.js';
import type { Scenario } from './scenario.js';

export const POSITIONS = ['start', 'middle', 'end'] as const;

export function positionOffsets(records: number, batch: number): Record<(typeof POSITIONS)[number], number> {
  return { start: 0, middle: Math.floor(records / 2), end: Math.max(0, records - batch) };
}

export const fetchCost: Scenario = {
  id: 'fetch-cost',
  title: 'fetch cost at the start, middle and end of a long log',
  needs: [],
  units: (plan) => plan.bigLogRecords + 2 * plan.fetchSamples,
  async round(ctx) {
    const { plan } = ctx;
    ctx.bar.startPhase(`fill ${plan.bigLogRecords.toLocaleString('en-US')}`, plan.bigLogRecords);
    const log = await ctx.fixtures.bigLog((done) => ctx.bar.update(done));
    const broker = await startBroker(log.dataDir);
    try {
      ctx.results.record('startup.big.ms', broker.startupMs);
      const offsets = positionOffsets(log.records, plan.batchRecords);
      const times: Record<string, number[]> = { start: [], middle: [], end: [] };
      ctx.bar.startPhase('fetches', 2 * plan.fetchSamples);
      for (let sample = 0; sample < 2 * plan.fetchSamples; sample++) {
        for (const position of POSITIONS) {
          const path = `/v1/topics/${log.topic}/partitions/0/records?offset=${offsets[position]}&maxRecords=${plan.batchRecords}`;
          const start = performance.now();
          const answer = await broker.http.drain('GET', path);
          const ms = performance.now() - start;
          if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status}`);
          if (sample >= plan.fetchSamples) times[position]!.push(ms);
        }
        ctx.bar.update(sample + 1);
      }
      for (const position of POSITIONS) ctx.results.record(`fetch.${position}.ms`, median(times[position]!));
      ctx.results.record('fetch.end-vs-start.ratio', median(times.end!) / median(times.start!));
    } finally {
      await broker.stop();
    }
  },
};
