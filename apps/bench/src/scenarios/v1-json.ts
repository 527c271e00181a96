/**
 * Mini Kafka's /v1 JSON API on a one-partition topic: produce (POST 1,000 records, 4 in
 * flight), then read it all twice: by partition (GET .../partitions/0/records
 * maxRecords=1000 from each answer's nextOffset) and as a group member (GET the member's
 * records maxRecords=1000, then commit what it got; each commit is sent without waiting,
 * so it overlaps the next fetch, and every commit must succeed).
 */

import { createTopic } from '../load/fill.js';
import type { HttpClient } from '../load/http-client.js';
import { consumeV1Partition, produceV1 } from '../load/v1-load.js';
import { startBroker } from '../procs/broker-process.js';
import { ConsumeClock, later, measure, type Timed } from './measure.js';
import type { Scenario } from './scenario.js';

interface MemberRecord {
  topic: string;
  partition: number;
  offset: number;
}

export async function consumeAsMember(
  http: HttpClient,
  group: string,
  topic: string,
  batch: number,
  records: number,
  progress: (done: number) => void,
): Promise<Timed> {
  const clock = new ConsumeClock();
  const joined = await http.json<{ memberId: string; generationId: number }>('POST', `/v1/groups/${group}/members`, {
    topics: [topic],
    autoOffsetReset: 'earliest',
  });
  const member = `/v1/groups/${group}/members/${encodeURIComponent(joined.memberId)}`;
  const commits: Promise<unknown>[] = [];
  while (clock.received < records) {
    const answer = await http.getJson<{ records: MemberRecord[] }>(`${member}/records?maxRecords=${batch}`);
    if (answer.records.length === 0) throw new Error(`a member fetch returned nothing after ${clock.received} records`);
    const next = new Map<number, number>();
    for (const record of answer.records)
      next.set(record.partition, Math.max(next.get(record.partition) ?? 0, record.offset + 1));
    const offsets = [...next].map(([partition, offset]) => ({ topic, partition, offset }));
    const commit = { memberId: joined.memberId, generationId: joined.generationId, offsets };
    commits.push(later(http.json('POST', `/v1/groups/${group}/offsets`, commit)));
    clock.add(answer.records.length);
    progress(clock.received);
  }
  await Promise.all(commits);
  await http.send('DELETE', member);
  return clock.timed();
}

export const v1Json: Scenario = {
  id: 'v1-json',
  title: 'Mini Kafka /v1 JSON',
  needs: [],
  units: (plan) => 3 * plan.records,
  async round(ctx) {
    const { plan, values } = ctx;
    const broker = await startBroker();
    try {
      const { http } = broker;
      const produce = (topic: string): string => `/v1/topics/${topic}/records`;
      const read = (topic: string) => (offset: number) =>
        `/v1/topics/${topic}/partitions/0/records?offset=${offset}&maxRecords=${plan.batchRecords}`;
      const skip = (): void => undefined;
      for (const topic of ['warmup', 'bench']) await createTopic(http, topic, 1);
      await produceV1(http, produce('warmup'), plan, values, plan.warmupRecords, skip);
      await consumeV1Partition(http, read('warmup'), plan.warmupRecords, skip);
      await consumeAsMember(http, 'warmup', 'warmup', plan.batchRecords, plan.warmupRecords, skip);
      const serverPid = broker.child.pid;
      const { records } = plan;
      await measure(ctx, { key: 'v1.produce', label: 'POST', units: records, serverPid }, (progress) =>
        produceV1(http, produce('bench'), plan, values, records, progress),
      );
      await measure(ctx, { key: 'v1.partition', label: 'partition GET', units: records, serverPid }, (progress) =>
        consumeV1Partition(http, read('bench'), records, progress),
      );
      await measure(ctx, { key: 'v1.member', label: 'member GET + commit', units: records, serverPid }, (progress) =>
        consumeAsMember(http, 'bench', 'bench', plan.batchRecords, records, progress),
      );
    } finally {
      await broker.stop('kill');
    }
  },
};
