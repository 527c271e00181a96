/**
 * What the real-client tests check through the broker's own HTTP API after a client ran:
 * topics and their partitions and offsets, every record of a topic, a group's committed
 * offsets. Plus the HTTP calls that prepare a scenario (a topic, some records, deleted
 * records, a group's commits).
 */
import { expect } from 'vitest';
import { call } from './json-call.js';

export interface StoredRecord {
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
}

/** Creates `name` with `partitions` over HTTP (and a config, in the HTTP API's names). */
export async function createTopic(
  url: string,
  name: string,
  partitions: number,
  config: Record<string, number> = {},
): Promise<void> {
  const created = await call(url, 'POST', '/v1/topics', { name, partitions, config });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
}

/** Appends `values` (keyed `key`, if given) over HTTP. */
export async function produceValues(url: string, topic: string, values: string[], key?: string): Promise<void> {
  const records = values.map((value) => (key === undefined ? { value } : { key, value }));
  const produced = await call(url, 'POST', `/v1/topics/${topic}/records`, { records });
  expect(produced.status, JSON.stringify(produced.body)).toBe(200);
}

/** Deletes the records of `topic`/`partition` below `before` over HTTP. */
export async function deleteRecordsOverHttp(url: string, topic: string, partition: number, before: number) {
  const deleted = await call(url, 'POST', `/v1/topics/${topic}/partitions/${partition}/delete-records`, {
    offset: before,
  });
  expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
}

/** Commits `offsets` ("topic/partition" → offset) for `group` over HTTP, as no member. */
export async function commitOverHttp(url: string, group: string, offsets: Record<string, number>): Promise<void> {
  const entries = Object.entries(offsets).map(([key, offset]) => {
    const slash = key.lastIndexOf('/');
    return { topic: key.slice(0, slash), partition: Number(key.slice(slash + 1)), offset };
  });
  const committed = await call(url, 'POST', `/v1/groups/${group}/offsets`, { offsets: entries });
  expect(committed.status, JSON.stringify(committed.body)).toBe(200);
}

/** The topic's HTTP description, or undefined when it does not exist (404). */
// biome-ignore lint/suspicious/noExplicitAny: tests read the description loosely; assertions check it.
export async function topicOverHttp(url: string, name: string): Promise<any> {
  const described = await call(url, 'GET', `/v1/topics/${name}`);
  if (described.status === 404) return undefined;
  expect(described.status).toBe(200);
  return described.body;
}

/** Every record of every partition of `topic`, partition by partition, in offset order. */
export async function recordsOverHttp(url: string, topic: string): Promise<StoredRecord[]> {
  const described = await topicOverHttp(url, topic);
  expect(described, `topic ${topic} exists`).toBeDefined();
  const all: StoredRecord[] = [];
  for (let partition = 0; partition < described.partitions; partition++) {
    let offset = described.partitionDetails[partition].logStartOffset as number;
    for (;;) {
      const page = await call(
        url,
        'GET',
        `/v1/topics/${topic}/partitions/${partition}/records?offset=${offset}&maxRecords=500&waitMs=0`,
      );
      expect(page.status).toBe(200);
      for (const record of page.body.records) {
        all.push({ partition, offset: record.offset, key: record.key, value: record.value });
      }
      if (page.body.nextOffset >= page.body.highWatermark || page.body.records.length === 0) break;
      offset = page.body.nextOffset;
    }
  }
  return all;
}

/** The committed offsets of `group` as "topic/partition" → offset. */
export async function committedOverHttp(url: string, group: string): Promise<Record<string, number>> {
  const committed = await call(url, 'GET', `/v1/groups/${group}/offsets`);
  expect(committed.status).toBe(200);
  const offsets: Record<string, number> = {};
  for (const entry of committed.body.offsets) offsets[`${entry.topic}/${entry.partition}`] = entry.offset;
  return offsets;
}

/** The sum of the committed offsets of `group` (the records it has consumed, when it started at 0). */
export async function committedTotal(url: string, group: string): Promise<number> {
  return Object.values(await committedOverHttp(url, group)).reduce((sum, offset) => sum + offset, 0);
}

/** Appends `count` records (values "p<partition>-<i>") to one partition over HTTP. */
export async function produceToPartition(url: string, topic: string, partition: number, count: number): Promise<void> {
  const records = Array.from({ length: count }, (_, i) => ({ partition, value: `p${partition}-${i}` }));
  const produced = await call(url, 'POST', `/v1/topics/${topic}/records`, { records });
  expect(produced.status, JSON.stringify(produced.body)).toBe(200);
}

/** Every key's records sit in one partition, and more than one partition was used. */
export function expectKeysStayInOnePartition(stored: StoredRecord[]): void {
  const partitionsOfKey = new Map<string | null, Set<number>>();
  for (const r of stored) partitionsOfKey.set(r.key, (partitionsOfKey.get(r.key) ?? new Set()).add(r.partition));
  for (const [key, partitions] of partitionsOfKey) expect(partitions.size, `partitions of key ${key}`).toBe(1);
  expect(new Set(stored.map((r) => r.partition)).size, 'partitions used').toBeGreaterThan(1);
}
