/**
 * kafkajs 2.2.4 transactions against the broker: a transactional producer commits and aborts
 * across partitions; a kafkajs consumer (read_committed, kafkajs's default) and the HTTP API
 * see only committed records, a read_uncommitted consumer sees the aborted ones too; a
 * consume-transform-produce loop commits the group's offsets with `sendOffsets` in the same
 * transaction; a second producer with the same transactional id fences the first.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect } from 'vitest';
import { committedOverHttp, createTopic, produceToPartition, recordsOverHttp } from '../support/broker-evidence.js';
import { Brokers } from '../support/brokers.js';
import { clientFeatures } from '../support/client-features.js';
import { eventually } from '../support/eventually.js';

const brokers = new Brokers();
const feature = clientFeatures('kafkajs 2.2.4');
afterEach(() => brokers.cleanup());

function client(bootstrap: string): Kafka {
  return new Kafka({
    clientId: 'e2e-txn',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 50, retries: 5 },
  });
}

function transactionalProducer(kafka: Kafka, transactionalId: string) {
  return kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
}

/** Every value of `topic` read by a kafkajs consumer with the given isolation, once `want` have come. */
async function consumeValues(kafka: Kafka, topic: string, want: number, readUncommitted: boolean): Promise<string[]> {
  const consumer = kafka.consumer({
    groupId: `reader-${readUncommitted}-${Date.now()}`,
    readUncommitted,
    maxWaitTimeInMs: 100,
  });
  const values: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value!.toString()) });
  try {
    await eventually(() => values.length >= want, 20_000, `${want} records`);
    // A little longer: anything beyond `want` (a leaked aborted record) would show up too.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return values.sort();
  } finally {
    await consumer.disconnect();
  }
}

const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('kafkajs transactions', () => {
  feature('transactions: commit and abort', async () => {
    const broker = await brokers.start();
    await createTopic(broker.url, 'txn', 3);
    const kafka = client(broker.kafkaBootstrap!);
    const producer = transactionalProducer(kafka, 'kjs-tx');
    await producer.connect();
    const send = async (values: string[], commit: boolean) => {
      const transaction = await producer.transaction();
      await transaction.send({
        topic: 'txn',
        messages: values.map((value, i) => ({ value, partition: i % 3 })),
      });
      if (commit) await transaction.commit();
      else await transaction.abort();
    };
    await send(range('c', 6), true);
    await send(range('a', 4), false);
    await send(range('d', 3), true);
    await producer.disconnect();
    const committed = [...range('c', 6), ...range('d', 3)].sort();
    expect(await consumeValues(kafka, 'txn', committed.length, false)).toEqual(committed);
    expect(await consumeValues(kafka, 'txn', committed.length + 4, true)).toEqual(
      [...committed, ...range('a', 4)].sort(),
    );
    expect((await recordsOverHttp(broker.url, 'txn')).map((r) => r.value).sort()).toEqual(committed);
  });

  feature('transactions: send offsets (consume-transform-produce)', async () => {
    const broker = await brokers.start();
    await createTopic(broker.url, 'in', 2);
    await createTopic(broker.url, 'out', 2);
    await produceToPartition(broker.url, 'in', 0, 15);
    await produceToPartition(broker.url, 'in', 1, 10);
    const kafka = client(broker.kafkaBootstrap!);
    const producer = transactionalProducer(kafka, 'kjs-ctp');
    await producer.connect();
    const consumer = kafka.consumer({ groupId: 'ctp', maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'in', fromBeginning: true });
    let processed = 0;
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (batch.messages.length === 0) return;
        const transaction = await producer.transaction();
        try {
          await transaction.send({
            topic: 'out',
            messages: batch.messages.map((m) => ({ value: m.value!.toString().toUpperCase() })),
          });
          const next = Number(batch.messages.at(-1)!.offset) + 1;
          await transaction.sendOffsets({
            consumerGroupId: 'ctp',
            topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: String(next) }] }],
          });
          await transaction.commit();
          processed += batch.messages.length;
        } catch (error) {
          await transaction.abort();
          throw error;
        }
      },
    });
    await eventually(() => processed >= 25, 20_000, 'the input processed');
    expect(processed).toBe(25);
    await consumer.disconnect();
    // An aborted transaction's offsets never reach the group.
    const aborted = await producer.transaction();
    await aborted.send({ topic: 'out', messages: [{ value: 'NEVER' }] });
    await aborted.sendOffsets({
      consumerGroupId: 'ctp',
      topics: [{ topic: 'in', partitions: [{ partition: 0, offset: '0' }] }],
    });
    await aborted.abort();
    await producer.disconnect();
    expect(await committedOverHttp(broker.url, 'ctp')).toEqual({ 'in/0': 15, 'in/1': 10 });
    const out = (await recordsOverHttp(broker.url, 'out')).map((r) => r.value).sort();
    expect(out).toEqual([...range('P0-', 15), ...range('P1-', 10)].sort());
  });

  feature('transactions: zombie fencing', async () => {
    const broker = await brokers.start();
    await createTopic(broker.url, 'fenced', 1);
    const kafka = client(broker.kafkaBootstrap!);
    const zombie = transactionalProducer(kafka, 'kjs-zombie');
    await zombie.connect();
    const old = await zombie.transaction();
    await old.send({ topic: 'fenced', messages: [{ value: 'zombie-1' }] });
    const newer = transactionalProducer(kafka, 'kjs-zombie');
    await newer.connect();
    const current = await newer.transaction();
    await current.send({ topic: 'fenced', messages: [{ value: 'new-1' }] });
    await current.commit();
    await expect(old.commit()).rejects.toThrow(/epoch|fenced/i);
    await zombie.disconnect();
    await newer.disconnect();
    expect((await recordsOverHttp(broker.url, 'fenced')).map((r) => r.value)).toEqual(['new-1']);
  });
});
