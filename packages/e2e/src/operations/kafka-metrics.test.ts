/**
 * `GET /metrics` while kafkajs produces and consumes through the Kafka listener: requests by
 * API, records in and out per topic, open connections and a Kafka group's lag.
 */
import { metricValue, parsePrometheusText, type Sample } from '@mini-kafka/testing';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Brokers } from '../support/brokers.js';

const brokers = new Brokers();
afterEach(() => brokers.cleanup());

async function scrape(url: string): Promise<Sample[]> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  return parsePrometheusText(await response.text());
}

describe('metrics of the Kafka listener', () => {
  it('count kafkajs requests, records, connections and group lag', async () => {
    const broker = await brokers.start();
    const kafka = new Kafka({ clientId: 'metrics', brokers: [broker.kafkaBootstrap!], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'payments', numPartitions: 1 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'payments', messages: Array.from({ length: 10 }, (_, i) => ({ value: `p${i}` })) });

    const consumer = kafka.consumer({ groupId: 'ledger' });
    await consumer.connect();
    await consumer.subscribe({ topics: ['payments'], fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(message.value!.toString());
      },
    });
    const waiting = { timeout: 15_000, interval: 50 };
    await vi.waitFor(() => expect(seen).toHaveLength(10), waiting);

    await vi.waitFor(async () => {
      const samples = await scrape(broker.url);
      const value = (name: string, labels: Record<string, string> = {}) => metricValue(samples, name, labels);
      expect(value('mini_kafka_kafka_requests_total', { api: 'Produce', outcome: 'answered' })).toBe(1);
      expect(value('mini_kafka_kafka_requests_total', { api: 'Fetch' })).toBeGreaterThanOrEqual(1);
      expect(value('mini_kafka_kafka_request_duration_seconds_count', { api: 'JoinGroup' })).toBeGreaterThanOrEqual(1);
      expect(value('mini_kafka_topic_records_in_total', { topic: 'payments', listener: 'kafka' })).toBe(10);
      expect(
        value('mini_kafka_topic_records_out_total', { topic: 'payments', listener: 'kafka' }),
      ).toBeGreaterThanOrEqual(10);
      expect(value('mini_kafka_connections', { listener: 'kafka' })).toBeGreaterThanOrEqual(1);
      expect(value('mini_kafka_group_members', { group: 'ledger', state: 'Stable' })).toBe(1);
      // kafkajs commits what it processed: nothing is left.
      expect(value('mini_kafka_group_lag', { group: 'ledger', topic: 'payments', partition: '0' })).toBe(0);
    }, waiting);

    await consumer.disconnect();
    await producer.disconnect();
    await admin.disconnect();
    await vi.waitFor(async () => {
      const samples = await scrape(broker.url);
      expect(metricValue(samples, 'mini_kafka_connections', { listener: 'kafka' })).toBe(0);
      expect(metricValue(samples, 'mini_kafka_group_members', { group: 'ledger' })).toBe(0);
    }, waiting);
  });
});
