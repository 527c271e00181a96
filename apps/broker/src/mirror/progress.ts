/**
 * The mirror's progress: records copied per topic, the copy rate, and per-topic lag (the
 * source's committed end minus where the copy stands), as one line written to stderr every second.
 */
import type { Clock } from '@mini-kafka/storage';
import { systemClock } from '@mini-kafka/storage';

export class MirrorProgress {
  private readonly copied = new Map<string, number>();
  private readonly lags = new Map<string, number>();
  private total = 0;
  private lastTotal = 0;
  private lastAt: number;

  constructor(private readonly clock: Clock = systemClock) {
    this.lastAt = clock.now();
  }

  recordCopied(topic: string, count: number): void {
    this.copied.set(topic, (this.copied.get(topic) ?? 0) + count);
    this.total += count;
  }

  /** The lag of one partition (`key` is topic/partition). */
  setLag(topic: string, partition: number, lag: number): void {
    this.lags.set(`${topic}/${partition}`, lag);
  }

  get recordsCopied(): number {
    return this.total;
  }

  /** One line: the total, the rate since the last line, each topic's lag. */
  line(): string {
    const now = this.clock.now();
    const seconds = Math.max(0.001, (now - this.lastAt) / 1000);
    const rate = Math.round((this.total - this.lastTotal) / seconds);
    this.lastAt = now;
    this.lastTotal = this.total;
    const byTopic = new Map<string, number>();
    for (const [key, lag] of this.lags) {
      const topic = key.slice(0, key.lastIndexOf('/'));
      byTopic.set(topic, (byTopic.get(topic) ?? 0) + lag);
    }
    const lag = [...byTopic].sort(([a], [b]) => a.localeCompare(b)).map(([topic, n]) => `${topic}=${n}`);
    return `mirror: ${this.total} records copied, ${rate} records/s, lag ${lag.length === 0 ? '-' : lag.join(' ')}`;
  }
}
