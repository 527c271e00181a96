/**
 * The statistics of a bench run: medians of rounds, percentiles of latency samples,
 * rates and ratios. Pure functions; an empty input gives NaN, which the reports print as
 * "·" (nothing measured) rather than a number that looks real.
 */

/** The middle value (the mean of the two middle values for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The largest value; NaN when empty. */
export function maximum(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? Number.NaN : Math.max(...finite);
}

/**
 * The p-th percentile (0..100) by the nearest-rank method: the smallest sample such that
 * at least p % of the samples are at or below it. `sorted` must be in ascending order.
 */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0]!;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** p50, p99 and max of a set of latency samples (any order; the input is not changed). */
export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const list = Array.from(sorted);
  return {
    count: list.length,
    p50: percentileOfSorted(list, 50),
    p99: percentileOfSorted(list, 99),
    max: list.length === 0 ? Number.NaN : list[list.length - 1]!,
  };
}

/** Records per second; NaN when no time passed. */
export function rate(records: number, seconds: number): number {
  return seconds > 0 ? records / seconds : Number.NaN;
}

/** a ÷ b, NaN when either is missing or b is 0. */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : Number.NaN;
}
