/**
 * Reading partitions back over the /v1 API: a topic's per-partition bounds from its
 * description, and a whole partition as bytes (GET /v1/topics/<t>/partitions/<p>/records
 * with `encoding=base64`, paging with `nextOffset` from the log start to the high watermark).
 */
import { call } from '../support/json-call.js';

export interface PartitionBounds {
  partition: number;
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  sizeBytes: number;
}

export interface StoredRecord {
  offset: number;
  key: Buffer | null;
  value: Buffer;
}

/** A record of a /v1 read, with `encoding=base64`. */
export interface RecordJson {
  offset: number;
  key: string | null;
  value: string | null;
}

/** Each partition's log start, end and size, from the topic's description. */
export async function partitionBounds(url: string, topic: string): Promise<PartitionBounds[]> {
  const { status, body } = await call(url, 'GET', `/v1/topics/${encodeURIComponent(topic)}`);
  if (status !== 200) throw new Error(`GET /v1/topics/${topic} answered ${status}`);
  return body.partitionDetails;
}

/** Base64 record JSON as bytes. */
export function storedRecord(record: RecordJson): StoredRecord {
  return {
    offset: record.offset,
    key: record.key === null ? null : Buffer.from(record.key, 'base64'),
    value: Buffer.from(record.value ?? '', 'base64'),
  };
}

/** Every record of the partition from `from` up to (not including) `to`, in the order the log holds them. */
export async function readPartition(
  url: string,
  topic: string,
  partition: number,
  from: number,
  to: number,
): Promise<StoredRecord[]> {
  const path = `/v1/topics/${encodeURIComponent(topic)}/partitions/${partition}/records`;
  const records: StoredRecord[] = [];
  let offset = from;
  while (offset < to) {
    const { status, body } = await call(url, 'GET', `${path}?offset=${offset}&maxRecords=1000&encoding=base64`);
    if (status !== 200) throw new Error(`GET ${path}?offset=${offset} answered ${status}`);
    const page = (body.records as RecordJson[]).filter((record) => record.offset < to);
    if (page.length === 0) break;
    records.push(...page.map(storedRecord));
    offset = body.nextOffset;
  }
  return records;
}
