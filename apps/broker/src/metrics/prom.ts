/// <reference path="./prom-client-lib.d.ts" />
/**
 * prom-client's metric classes, loaded module by module. The package's index also loads
 * its default process metrics and, with them, @opentelemetry/api: some 50 ms at start on
 * these machines, against about 1 ms for the four classes. The broker records its own
 * metrics from the first request, so it needs the classes at start; the process metrics
 * (process-metrics.ts) load with the first scrape.
 */
import Counter from 'prom-client/lib/counter.js';
import Gauge from 'prom-client/lib/gauge.js';
import Histogram from 'prom-client/lib/histogram.js';
import Registry from 'prom-client/lib/registry.js';

export { Counter, Gauge, Histogram, Registry };
