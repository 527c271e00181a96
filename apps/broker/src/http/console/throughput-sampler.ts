/**
 * The overview's throughput history: every few seconds, the totals of the records and
 * bytes counters /metrics serves (mini_kafka_topic_{records,bytes}_{in,out}_total), kept
 * in a ring of the last `capacity` samples. Rates are the differences between samples.
 * Started when the console is first used; its timer never keeps the process alive.
 */
import type { BrokerMetrics } from '../../metrics/broker-metrics.js';

export interface Sample {
  at: number;
  recordsIn: number;
  recordsOut: number;
  bytesIn: number;
  bytesOut: number;
}

export interface Rate {
  recordsIn: number;
  recordsOut: number;
  bytesIn: number;
  bytesOut: number;
}

const COUNTERS = {
  recordsIn: 'mini_kafka_topic_records_in_total',
  recordsOut: 'mini_kafka_topic_records_out_total',
  bytesIn: 'mini_kafka_topic_bytes_in_total',
  bytesOut: 'mini_kafka_topic_bytes_out_total',
} as const;

async function total(metrics: BrokerMetrics, name: string): Promise<number> {
  const metric = metrics.registry.getSingleMetric(name);
  if (metric === undefined) return 0;
  const { values } = await metric.get();
  return values.reduce((sum, v) => sum + v.value, 0);
}

export class ThroughputSampler {
  private readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly metrics: BrokerMetrics,
    private readonly now: () => number,
    private readonly intervalMs = 5000,
    private readonly capacity = 60,
  ) {}

  /** Takes a sample now and then every interval, until `running()` says no (the broker stops). */
  start(running: () => boolean = () => true): void {
    if (this.timer !== undefined) return;
    void this.sample();
    this.timer = setInterval(() => {
      if (running()) void this.sample();
      else this.stop();
    }, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The counters' totals now, not kept. */
  async totals(): Promise<Sample> {
    const [recordsIn, recordsOut, bytesIn, bytesOut] = await Promise.all([
      total(this.metrics, COUNTERS.recordsIn),
      total(this.metrics, COUNTERS.recordsOut),
      total(this.metrics, COUNTERS.bytesIn),
      total(this.metrics, COUNTERS.bytesOut),
    ]);
    return { at: this.now(), recordsIn, recordsOut, bytesIn, bytesOut };
  }

  /** Keeps the totals now as a sample. */
  async sample(): Promise<Sample> {
    const sample = await this.totals();
    this.samples.push(sample);
    if (this.samples.length > this.capacity) this.samples.shift();
    return sample;
  }

  /** Per-second rates between consecutive samples, oldest first. */
  rates(): Rate[] {
    const rates: Rate[] = [];
    for (let i = 1; i < this.samples.length; i++) {
      const a = this.samples[i - 1]!;
      const b = this.samples[i]!;
      const seconds = Math.max(0.001, (b.at - a.at) / 1000);
      rates.push({
        recordsIn: (b.recordsIn - a.recordsIn) / seconds,
        recordsOut: (b.recordsOut - a.recordsOut) / seconds,
        bytesIn: (b.bytesIn - a.bytesIn) / seconds,
        bytesOut: (b.bytesOut - a.bytesOut) / seconds,
      });
    }
    return rates;
  }
}
