/**
 * End-to-end latency through the SDK at a steady rate: a producer `send`s one record at a
 * time (its defaults: lingerMs 0, idempotent) at plan.latencyRate records/s, paced by the
 * clock, while a consumer (`run` with eachMessage, long polls) reads them. Each value carries
 * the moment it was sent; the latency of a record is from that moment to its handler call,
 * both in this process. The first plan.latencyWarmupSeconds are warm-up, not counted.
 * Beside it: each measured send's time to its acknowledgement, and the broker's fsync
 * latency over the measured window from its /metrics histogram (bucket bounds), which show
 * where the end-to-end time goes.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import { MiniKafka } from '@mini-kafka/client';
import { histogramBuckets, quantileBetween } from '../core/histogram-quantile.js';
import { summarizeLatencies } from '../core/stats.js';
import { createTopic } from '../load/fill.js';
import { startBroker } from '../procs/broker-process.js';
import { later, measure } from './measure.js';
import type { Scenario } from './scenario.js';

const DRAIN_TIMEOUT_MS = 30_000;
const FSYNC_HISTOGRAM = 'mini_kafka_log_fsync_duration_seconds';

/** The broker's fsync latency histogram (GET /metrics). */
async function fsyncBuckets(url: string): Promise<Map<number, number>> {
  const response = await fetch(`${url}/metrics`);
  return histogramBuckets(await response.text(), FSYNC_HISTOGRAM);
}

/** A value of `bytes` bytes saying whether it is measured and when it was sent. */
export function stampValue(measured: boolean, sentAt: number, bytes: number): string {
  return `${measured ? 'm' : 'w'}:${sentAt.toFixed(3)}:`.padEnd(bytes, 'x');
}

export function readStamp(value: string): { measured: boolean; sentAt: number } {
  const [flag, sentAt] = value.split(':');
  return { measured: flag === 'm', sentAt: Number(sentAt) };
}

export const latency: Scenario = {
  id: 'latency',
  title: 'end-to-end latency at a steady rate (SDK)',
  needs: [],
  units: (plan) => plan.latencyWarmupSeconds + plan.latencySeconds,
  async round(ctx) {
    const { plan } = ctx;
    const broker = await startBroker();
    const kafka = new MiniKafka({ url: broker.url, clientId: 'bench-latency' });
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: 'latency', fromBeginning: true });
    const samples: number[] = [];
    /** Send to acknowledgement, for the measured records. */
    const acks: number[] = [];
    let fsyncsBefore = new Map<number, number>();
    const warmupRecords = plan.latencyRate * plan.latencyWarmupSeconds;
    const total = warmupRecords + plan.latencyRate * plan.latencySeconds;
    let consumed = 0;
    try {
      await createTopic(broker.http, 'latency', 1);
      await consumer.subscribe('latency');
      await consumer.run({
        eachMessage: ({ message }) => {
          const stamp = readStamp(message.value?.toString('latin1') ?? '');
          if (stamp.measured) samples.push(performance.now() - stamp.sentAt);
          consumed++;
        },
      });
      await measure(
        ctx,
        {
          key: 'latency',
          label: `${plan.latencyRate.toLocaleString('en-US')} rec/s`,
          units: plan.latencySeconds + plan.latencyWarmupSeconds,
          serverPid: broker.child.pid,
        },
        async (progress) => {
          fsyncsBefore = await fsyncBuckets(broker.url);
          const sends: Promise<unknown>[] = [];
          const start = performance.now();
          let sent = 0;
          while (sent < total) {
            const elapsed = (performance.now() - start) / 1000;
            const due = Math.min(total, Math.floor(elapsed * plan.latencyRate));
            for (; sent < due; sent++) {
              const now = performance.now();
              const measured = sent >= warmupRecords;
              const send = producer.send('latency', stampValue(measured, now, plan.valueBytes));
              if (measured)
                void send.then(
                  () => acks.push(performance.now() - now),
                  () => undefined,
                );
              sends.push(later(send));
            }
            progress(Math.floor(elapsed));
            await sleep(1);
          }
          const seconds = (performance.now() - start) / 1000;
          await Promise.all(sends);
          const deadline = Date.now() + DRAIN_TIMEOUT_MS;
          while (consumed < total && Date.now() < deadline) await sleep(10);
          if (consumed < total) throw new Error(`the consumer got ${consumed} of ${total} records`);
          return { records: total, seconds };
        },
      );
      const summary = summarizeLatencies(samples);
      ctx.results.record('latency.p50.ms', summary.p50);
      ctx.results.record('latency.p99.ms', summary.p99);
      ctx.results.record('latency.max.ms', summary.max);
      const acked = summarizeLatencies(acks);
      ctx.results.record('latency.ack.p50.ms', acked.p50);
      ctx.results.record('latency.ack.p99.ms', acked.p99);
      // What the disk did meanwhile (flush always: every acknowledgement waits for one), as bucket bounds.
      const fsyncsAfter = await fsyncBuckets(broker.url);
      ctx.results.record('latency.fsync.p50.ms', quantileBetween(fsyncsBefore, fsyncsAfter, 0.5) * 1000);
      ctx.results.record('latency.fsync.p99.ms', quantileBetween(fsyncsBefore, fsyncsAfter, 0.99) * 1000);
    } finally {
      await consumer.close();
      await producer.close();
      await broker.stop('kill');
    }
  },
};
