/**
 * `GET /metrics` on a real broker over a real data directory: what an operator's Prometheus
 * scrapes after HTTP produce, reads and a group member's commit.
 */
import { RECORD_BATCH_MEDIA_TYPE, recordBatchAccept } from '@mini-kafka/protocol';
import { encodeRecordBatch } from '@mini-kafka/storage';
import { metricValue, parsePrometheusText, type Sample, TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { send } from '../http/testing/serve-app.js';

const dirs = new TempDirs();
let broker: Broker | undefined;
afterEach(async () => {
  await broker?.close();
  broker = undefined;
  await dirs.cleanup();
});

async function scrape(url: string): Promise<Sample[]> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parsePrometheusText(await response.text());
}

describe('GET /metrics', () => {
  it('counts requests, records in and out, fsyncs, offsets and a group’s lag', async () => {
    broker = await createBroker({ dataDir: await dirs.make(), port: 0, kafkaPort: -1, logLevel: 'silent' });
    const { url } = broker;
    expect((await send(`${url}/v1/topics`, 'POST', { name: 'orders', partitions: 2 })).status).toBe(201);
    const records = [0, 1, 2, 3, 4].map((i) => ({ value: `order ${i}`, partition: i % 2 }));
    expect((await send(`${url}/v1/topics/orders/records`, 'POST', { records })).status).toBe(200);
    expect((await send(`${url}/v1/topics/missing/partitions/0/records?offset=0`)).status).toBe(404);
    const read = await send(`${url}/v1/topics/orders/partitions/0/records?offset=1`);
    expect(read.body.records).toHaveLength(2);

    const joined = await send(`${url}/v1/groups/billing/members`, 'POST', { topics: ['orders'] });
    const { memberId, generationId } = joined.body;
    const fetched = await send(`${url}/v1/groups/billing/members/${memberId}/records?generationId=${generationId}`);
    expect(fetched.body.records).toHaveLength(5);
    const commit = { memberId, generationId, offsets: [{ topic: 'orders', partition: 0, offset: 2 }] };
    expect((await send(`${url}/v1/groups/billing/offsets`, 'POST', commit)).status).toBe(200);

    const samples = await scrape(url);
    const value = (name: string, labels: Record<string, string> = {}) => metricValue(samples, name, labels);
    expect(
      value('mini_kafka_http_requests_total', { method: 'POST', route: '/v1/topics/:topic/records', status: '200' }),
    ).toBe(1);
    expect(
      value('mini_kafka_http_requests_total', {
        method: 'GET',
        route: '/v1/topics/:topic/partitions/:partition/records',
        status: '404',
      }),
    ).toBe(1);
    expect(
      value('mini_kafka_http_request_duration_seconds_count', { route: '/v1/groups/:group/members/:member/records' }),
    ).toBe(1);
    expect(value('mini_kafka_topic_records_in_total', { topic: 'orders', listener: 'http' })).toBe(5);
    expect(value('mini_kafka_topic_bytes_in_total', { topic: 'orders' })).toBe(5 * 'order 0'.length);
    expect(value('mini_kafka_topic_records_out_total', { topic: 'orders', listener: 'http' })).toBe(2 + 5);
    // flush `always`: the appends were synced, so the histogram saw them.
    expect(value('mini_kafka_log_fsync_duration_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(value('mini_kafka_log_fsync_duration_seconds_bucket', { le: '+Inf' })).toBe(
      value('mini_kafka_log_fsync_duration_seconds_count'),
    );
    expect(value('mini_kafka_partition_log_end_offset', { topic: 'orders', partition: '0' })).toBe(3);
    expect(value('mini_kafka_partition_log_end_offset', { topic: 'orders', partition: '1' })).toBe(2);
    expect(value('mini_kafka_partition_size_bytes', { topic: 'orders' })).toBeGreaterThan(0);
    expect(value('mini_kafka_partition_offline', { topic: 'orders' })).toBe(0);
    expect(value('mini_kafka_topics')).toBe(1);
    expect(value('mini_kafka_group_members', { group: 'billing' })).toBe(1);
    expect(value('mini_kafka_group_generation', { group: 'billing' })).toBe(generationId);
    // Partition 0 committed at 2 of 3; partition 1 never committed: its whole log is lag.
    expect(value('mini_kafka_group_lag', { group: 'billing', topic: 'orders', partition: '0' })).toBe(1);
    expect(value('mini_kafka_group_lag', { group: 'billing', topic: 'orders', partition: '1' })).toBe(2);
    expect(value('mini_kafka_group_rebalances_total', { group: 'billing' })).toBeGreaterThanOrEqual(1);
    expect(value('mini_kafka_connections_accepted_total', { listener: 'http' })).toBeGreaterThanOrEqual(1);
    expect(value('mini_kafka_storage_errors_total')).toBeUndefined();
    // The process's own metrics join with the first scrape.
    expect(value('process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(value('nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('counts binary produce and fetch by the batches they move', async () => {
    broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent' });
    const { url } = broker;
    expect((await send(`${url}/v1/topics`, 'POST', { name: 'binary', partitions: 1 })).status).toBe(201);
    const batch = encodeRecordBatch([{ value: 'a' }, { value: 'bb' }, { value: 'ccc' }]);
    const produced = await fetch(`${url}/v1/topics/binary/partitions/0/records`, {
      method: 'POST',
      headers: { 'content-type': RECORD_BATCH_MEDIA_TYPE },
      body: batch,
    });
    expect(produced.status).toBe(200);
    const read = await fetch(`${url}/v1/topics/binary/partitions/0/records?offset=1`, {
      headers: { accept: recordBatchAccept([]) },
    });
    expect(read.status).toBe(200);
    await read.arrayBuffer();

    const samples = await scrape(url);
    expect(metricValue(samples, 'mini_kafka_topic_records_in_total', { topic: 'binary' })).toBe(3);
    expect(metricValue(samples, 'mini_kafka_topic_bytes_in_total', { topic: 'binary' })).toBe(batch.length);
    // The one stored batch is served whole; it covers offsets 1 and 2 past the read's position.
    expect(metricValue(samples, 'mini_kafka_topic_records_out_total', { topic: 'binary' })).toBe(2);
    expect(metricValue(samples, 'mini_kafka_topic_bytes_out_total', { topic: 'binary' })).toBeGreaterThan(0);
  });

  it('answers 404 for other methods and in the tutorial’s error shape', async () => {
    broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent' });
    const posted = await send(`${broker.url}/metrics`, 'POST', {});
    expect(posted.status).toBe(404);
    expect(posted.body).toEqual({ detail: expect.any(String) });
  });
});
