/**
 * Whether a process's resident memory stayed flat over a soak, from samples taken every few
 * seconds on a shared, noisy machine.
 *
 * The criterion: split the samples in thirds by time; the first third is warm-up (V8 grows
 * its heaps, the JIT compiles, buffers and caches fill) and is not judged. Memory is flat
 * when the median of the last third is at most `factor` × the median of the middle third,
 * plus `slackMiB`. Medians ignore the saw-tooth of garbage collection and a stray spike
 * from a neighbour on a shared machine; the slack keeps a small process from failing on a
 * few MiB of arena growth. A leak is a steady climb, which moves the last third's median
 * away from the middle's by a third of the run's growth. At the defaults (1.10, 16 MiB) a
 * broker of ~130 MiB soaked for 600 s fails from about 0.17 MiB/s (10 MiB a minute, a
 * record's payload kept for every record at the soak's 1,000 records/s); slower leaks need
 * a longer soak. (In a 120 s soak the broker's RSS varied by about 1 MiB after warm-up.)
 * The Theil–Sen slope (the median of all pairwise slopes, robust to outliers) of the last
 * two thirds is reported beside it, as a figure to read, not a pass mark: over a short run
 * it still carries the end of the warm-up.
 */

export interface RssSample {
  /** Seconds since the start. */
  t: number;
  rssBytes: number;
}

export interface RssVerdict {
  flat: boolean;
  warmupMedianMiB: number;
  middleMedianMiB: number;
  lastMedianMiB: number;
  /** The most the last third's median may be. */
  limitMiB: number;
  maxMiB: number;
  /** Theil–Sen slope over the middle and last thirds, MiB per minute. */
  slopeMiBPerMinute: number;
}

const MIB = 1024 * 1024;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median of the slopes between every pair of samples (in units of rss per t). */
export function theilSenSlope(samples: readonly { t: number; v: number }[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      const dt = samples[j]!.t - samples[i]!.t;
      if (dt > 0) slopes.push((samples[j]!.v - samples[i]!.v) / dt);
    }
  }
  return slopes.length === 0 ? 0 : median(slopes);
}

export function rssVerdict(samples: readonly RssSample[], factor = 1.1, slackMiB = 16): RssVerdict {
  if (samples.length < 6) throw new Error(`${samples.length} RSS samples: at least 6 are needed to judge a trend`);
  const start = samples[0]!.t;
  const span = samples.at(-1)!.t - start;
  const third = (sample: RssSample): number => Math.min(2, Math.floor(((sample.t - start) / span) * 3));
  const mib = (sample: RssSample): number => sample.rssBytes / MIB;
  const thirds = [0, 1, 2].map((k) => samples.filter((sample) => third(sample) === k).map(mib));
  const [warmup, middle, last] = thirds.map(median) as [number, number, number];
  const limitMiB = middle * factor + slackMiB;
  const judged = samples.filter((sample) => third(sample) >= 1).map((sample) => ({ t: sample.t, v: mib(sample) }));
  return {
    flat: last <= limitMiB,
    warmupMedianMiB: warmup,
    middleMedianMiB: middle,
    lastMedianMiB: last,
    limitMiB,
    maxMiB: Math.max(...samples.map(mib)),
    slopeMiBPerMinute: theilSenSlope(judged) * 60,
  };
}
