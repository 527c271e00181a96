/**
 * Many large reads at once: a broker on the big log answers plan.bigReads parallel
 * GET .../partitions/0/records with maxBytes=64 MiB (and the largest maxRecords the API
 * allows, 100,000) at offsets spread over the log, while a prober on its own thread asks
 * /health every plan.healthProbeIntervalMs. Records the broker's peak RSS over the reads,
 * the slowest /health answer, and how long the reads took. One small read first warms the
 * broker (its API code loads after /health answers; start-up is measured on its own).
 */
import { HealthProbe } from '../load/health-probe.js';
import { startBroker } from '../procs/broker-process.js';
import { ProcessMeter } from '../procs/process-meter.js';
import type { Scenario } from './scenario.js';

/** The API's cap on maxRecords (MAX_FETCH_RECORDS of @mini-kafka/protocol). */
export const MAX_RECORDS = 100_000;

/** `reads` offsets spread evenly from 0 to the last full read of a `records`-record log. */
export function spreadOffsets(records: number, reads: number, perRead: number): number[] {
  const last = Math.max(0, records - perRead);
  return Array.from({ length: reads }, (_, i) => (reads === 1 ? 0 : Math.floor((i * last) / (reads - 1))));
}

export const bigReads: Scenario = {
  id: 'big-reads',
  title: '16 parallel 64 MiB reads, /health probed',
  needs: [],
  units: (plan) => plan.bigLogRecords + plan.bigReads,
  async round(ctx) {
    const { plan } = ctx;
    ctx.bar.startPhase(`fill ${plan.bigLogRecords.toLocaleString('en-US')}`, plan.bigLogRecords);
    const log = await ctx.fixtures.bigLog((done) => ctx.bar.update(done));
    const broker = await startBroker(log.dataDir);
    try {
      // Warm-up, as for every scenario: one small read, so the API's code has loaded (start-up is its own scenario).
      const warm = await broker.http.drain('GET', `/v1/topics/${log.topic}/partitions/0/records?offset=0&maxRecords=1`);
      if (warm.status !== 200) throw new Error(`warm-up read: ${warm.status}`);
      ctx.bar.startPhase(`${plan.bigReads} reads`, plan.bigReads);
      const probe = new HealthProbe(broker.url, plan.healthProbeIntervalMs);
      const meter = new ProcessMeter(broker.child.pid);
      meter.start();
      const start = performance.now();
      let done = 0;
      let bytes = 0;
      let failure: unknown;
      await Promise.all(
        spreadOffsets(log.records, plan.bigReads, MAX_RECORDS).map(async (offset) => {
          const path = `/v1/topics/${log.topic}/partitions/0/records?offset=${offset}&maxRecords=${MAX_RECORDS}&maxBytes=${plan.bigReadMaxBytes}`;
          try {
            const answer = await broker.http.drain('GET', path);
            if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status}`);
            bytes += answer.bytes;
          } catch (error) {
            failure ??= error;
          }
          ctx.bar.update(++done);
        }),
      );
      const ms = performance.now() - start;
      const usage = meter.stop();
      const health = await probe.stop();
      if (failure !== undefined) throw failure;
      ctx.results.record('big-reads.rss', usage.peakRssBytes);
      ctx.results.record('big-reads.cpu', usage.cpuSeconds);
      ctx.results.record('big-reads.ms', ms);
      ctx.results.record('big-reads.answer-bytes.count', bytes);
      ctx.results.record('big-reads.health.max.ms', health.maxMs);
      ctx.results.record('big-reads.health.probes.count', health.probes);
      ctx.results.record('big-reads.health.failures.count', health.failures);
    } finally {
      await broker.stop();
    }
  },
};
