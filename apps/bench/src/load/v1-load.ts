/**
 * The /v1 JSON load, written once and pointed at the broker or at the bare node:http
 * anchor: batched produce (one POST of plan.batchRecords records, plan.inFlightBatches in
 * flight, each answer decoded as a client would) and sequential partition reads (GET
 * maxRecords=batchRecords from the answer's nextOffset, each answer decoded and counted).
 */
import type { RunPlan } from '../core/plan.js';
import { ConsumeClock, since, type Timed } from '../scenarios/measure.js';
import type { HttpClient } from './http-client.js';
import { v1ProduceBody } from './payload.js';
import { windowed } from './windowed.js';

export async function produceV1(
  http: HttpClient,
  path: string,
  plan: RunPlan,
  values: readonly string[],
  records: number,
  progress: (done: number) => void,
): Promise<Timed> {
  let done = 0;
  const start = performance.now();
  await windowed(Math.ceil(records / plan.batchRecords), plan.inFlightBatches, async (batch) => {
    const first = batch * plan.batchRecords;
    const count = Math.min(plan.batchRecords, records - first);
    const answer = await http.send('POST', path, v1ProduceBody(values, first, count));
    if (answer.status !== 200)
      throw new Error(`POST ${path}: ${answer.status} ${answer.body.toString().slice(0, 300)}`);
    JSON.parse(answer.body.toString('utf8'));
    done += count;
    progress(done);
  });
  return { records, seconds: since(start) };
}

interface FetchAnswer {
  records: unknown[];
  nextOffset: number;
}

/** Reads `records` records from offset 0 with GETs of `pathFor(offset)`. */
export async function consumeV1Partition(
  http: HttpClient,
  pathFor: (offset: number) => string,
  records: number,
  progress: (done: number) => void,
): Promise<Timed> {
  const clock = new ConsumeClock();
  let offset = 0;
  while (clock.received < records) {
    const path = pathFor(offset);
    const answer = await http.send('GET', path);
    if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${answer.body.toString().slice(0, 300)}`);
    const body = JSON.parse(answer.body.toString('utf8')) as FetchAnswer;
    if (body.records.length === 0) throw new Error(`GET ${path}: no records after ${clock.received}`);
    clock.add(Math.min(body.records.length, records - clock.received));
    offset = body.nextOffset;
    progress(clock.received);
  }
  return clock.timed();
}
