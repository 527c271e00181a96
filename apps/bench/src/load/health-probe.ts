/**
 * A /health prober on its own thread (a worker), so that what it measures is the broker's
 * answer time and not this process's busy event loop: GET /health every `intervalMs` on
 * one keep-alive connection, one at a time; `stop()` gives the count, the slowest answer
 * and the failures (a status other than 200, an error, or no answer within 5 s).
 */
import { Worker } from 'node:worker_threads';

export interface ProbeSummary {
  probes: number;
  maxMs: number;
  failures: number;
}

const PROBE_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let running = true, probes = 0, maxMs = 0, failures = 0;
parentPort.on('message', () => { running = false; });
function probe() {
  return new Promise((resolve) => {
    const start = performance.now();
    const req = http.get(workerData.url + '/health', { agent, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => { if (res.statusCode !== 200) failures++; resolve(performance.now() - start); });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => { failures++; resolve(performance.now() - start); });
  });
}
(async () => {
  while (running) {
    const ms = await probe();
    probes++;
    if (ms > maxMs) maxMs = ms;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, workerData.intervalMs - ms)));
  }
  agent.destroy();
  parentPort.postMessage({ probes, maxMs, failures });
})();
`;

export class HealthProbe {
  private readonly worker: Worker;
  private readonly summary: Promise<ProbeSummary>;

  constructor(url: string, intervalMs: number) {
    this.worker = new Worker(PROBE_SOURCE, { eval: true, workerData: { url, intervalMs } });
    this.summary = new Promise((resolve, reject) => {
      this.worker.once('message', resolve);
      this.worker.once('error', reject);
    });
  }

  async stop(): Promise<ProbeSummary> {
    this.worker.postMessage('stop');
    const summary = await this.summary;
    await this.worker.terminate();
    return summary;
  }
}
