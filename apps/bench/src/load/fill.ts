/**
 * Filling a topic fast, untimed, before a scenario measures something else (start-up,
 * fetch cost): /v1 batches of 10,000 records, 4 in flight, into partition 0 unless told.
 */
import type { HttpClient } from './http-client.js';
import { windowed } from './windowed.js';

const FILL_BATCH = 10_000;
const FILL_IN_FLIGHT = 4;

export async function createTopic(http: HttpClient, name: string, partitions: number): Promise<void> {
  await http.json('POST', '/v1/topics', { name, partitions });
}

export async function fillTopic(
  http: HttpClient,
  topic: string,
  records: number,
  values: readonly string[],
  progress: (done: number) => void = () => undefined,
  partition = 0,
): Promise<void> {
  let done = 0;
  await windowed(Math.ceil(records / FILL_BATCH), FILL_IN_FLIGHT, async (batch) => {
    const first = batch * FILL_BATCH;
    const count = Math.min(FILL_BATCH, records - first);
    const list: { value: string; partition: number }[] = [];
    for (let i = first; i < first + count; i++) list.push({ value: values[i % values.length]!, partition });
    await http.json('POST', `/v1/topics/${encodeURIComponent(topic)}/records`, { records: list });
    done += count;
    progress(done);
  });
}
