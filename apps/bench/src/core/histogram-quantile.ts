/**
 * A quantile from a Prometheus histogram scraped twice: the bucket counts of the window
 * between the scrapes, and the smallest bucket bound below which the quantile's share of the
 * window's observations fell (an upper bound, as Prometheus's buckets give it; no
 * interpolation). Used for the broker's fsync latency during a scenario.
 */

/** Cumulative counts by upper bound (`le`), from the exposition text's `<name>_bucket` lines. */
export function histogramBuckets(text: string, name: string): Map<number, number> {
  const buckets = new Map<number, number>();
  const line = new RegExp(`^${name}_bucket\\{(?:[^}]*,)?le="([^"]+)"[^}]*\\} (\\S+)$`, 'gm');
  for (const [, le, count] of text.matchAll(line)) {
    buckets.set(le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), Number(count));
  }
  return buckets;
}

/** The upper bound of the bucket holding quantile `q` (0..1) of what was observed between `before` and `after`; NaN when nothing was. */
export function quantileBetween(before: Map<number, number>, after: Map<number, number>, q: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((bound) => (after.get(bound) ?? 0) - (before.get(bound) ?? 0));
  const total = counts.at(-1) ?? 0;
  if (total <= 0) return Number.NaN;
  const wanted = q * total;
  const index = counts.findIndex((count) => count >= wanted);
  return bounds[index]!;
}
