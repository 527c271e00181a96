/// <reference path="./prom-client-lib.d.ts" />
/**
 * The process's own metrics, prom-client's defaults (`process_*` and `nodejs_*`: CPU, resident
 * and heap memory, event-loop lag, garbage collection, open file descriptors, handles),
 * registered with the first scrape: loading them costs some 50 ms, which the broker's
 * start-up does not pay. The event-loop lag and GC histograms count from that scrape on.
 */
import type { Registry } from 'prom-client';

const registered = new WeakSet<Registry>();

export async function addProcessMetrics(registry: Registry): Promise<void> {
  if (registered.has(registry)) return;
  registered.add(registry);
  const { default: collectDefaultMetrics } = await import('prom-client/lib/defaultMetrics.js');
  collectDefaultMetrics({ register: registry });
}
