/**
 * A bare node:http handler (anchors/bare-http-server.ts in its own process) under the very
 * load the /v1 JSON scenario puts on the broker: the same POST bodies of 1,000 records with
 * the same requests in flight, and sequential GETs whose answers are as big as the
 * broker's for 1,000 records, decoded the same way. It is the ceiling of HTTP + JSON
 * on this machine with this client.
 */
import { fileURLToPath } from 'node:url';
import { HttpClient } from '../load/http-client.js';
import { consumeV1Partition, produceV1 } from '../load/v1-load.js';
import { startChild, waitUntil } from '../procs/children.js';
import { measure } from './measure.js';
import type { Scenario } from './scenario.js';

const SERVER = fileURLToPath(new URL('../anchors/bare-http-server.ts', import.meta.url));

export const bareHttp: Scenario = {
  id: 'http',
  title: 'bare node:http handler',
  needs: [],
  units: (plan) => 2 * plan.records,
  async round(ctx) {
    const { plan, values } = ctx;
    const tsx = import.meta.resolve('tsx');
    const child = startChild('bare-http', process.execPath, [
      '--import',
      tsx,
      SERVER,
      String(plan.batchRecords),
      String(plan.valueBytes),
    ]);
    let port = 0;
    child.onLine((line) => {
      if (port === 0 && line.startsWith('{')) port = (JSON.parse(line) as { port: number }).port;
    });
    try {
      await waitUntil('the bare HTTP server listening', async () => port !== 0, 30_000, child);
      const http = new HttpClient(`http://127.0.0.1:${port}`, plan.inFlightBatches + 1);
      const path = '/v1/topics/bench/records';
      const readPath = (offset: number): string => `${path}?offset=${offset}`;
      const skip = (): void => undefined;
      await produceV1(http, path, plan, values, plan.warmupRecords, skip);
      await consumeV1Partition(http, readPath, plan.warmupRecords, skip);
      const serverPid = child.pid;
      await measure(ctx, { key: 'http.produce', label: 'POST', units: plan.records, serverPid }, (progress) =>
        produceV1(http, path, plan, values, plan.records, progress),
      );
      await measure(ctx, { key: 'http.consume', label: 'GET', units: plan.records, serverPid }, (progress) =>
        consumeV1Partition(http, readPath, plan.records, progress),
      );
      http.close();
    } finally {
      await child.stop();
    }
  },
};
