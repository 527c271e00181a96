/**
 * The SDK and Kafka transactions against a real broker, a kafkajs transactional producer
 * writing through the Kafka protocol: `admin.transactions` lists and describes the open
 * transaction, `admin.producers` shows its producer holding the partition back; a
 * PartitionReader and a group Consumer read committed records only by default (stopping at
 * the last stable offset), everything but aborted records with `read_uncommitted`.
 */
import type { Broker } from '@mini-kafka/broker';
import { type ConsumerRecord, MiniKafka } from '@mini-kafka/client';
import { Kafka, logLevel, type Transaction } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';

const brokers = new Brokers();
let broker: Broker;
let kafka: MiniKafka;
let open: Transaction;
let openProducer: ReturnType<Kafka['producer']>;

const values = (records: readonly ConsumerRecord[]) => records.map((record) => record.value?.toString());

beforeAll(async () => {
  broker = await brokers.start();
  kafka = new MiniKafka({ url: broker.url });
  await kafka.admin().createTopic('ledger', { partitions: 1 });
  const kafkajs = new Kafka({ clientId: 'sdk-txn', brokers: [broker.kafkaBootstrap!], logLevel: logLevel.NOTHING });
  const aborting = kafkajs.producer({ transactionalId: 'sdk-aborted', idempotent: true, maxInFlightRequests: 1 });
  await aborting.connect();
  const aborted = await aborting.transaction();
  await aborted.send({ topic: 'ledger', messages: [{ value: 'aborted', partition: 0 }] });
  await aborted.abort();
  await aborting.disconnect();
  const plain = kafka.producer();
  await plain.send('ledger', 'committed', { partition: 0 });
  await plain.close();
  openProducer = kafkajs.producer({ transactionalId: 'sdk-open', idempotent: true, maxInFlightRequests: 1 });
  await openProducer.connect();
  open = await openProducer.transaction();
  await open.send({ topic: 'ledger', messages: [{ value: 'pending', partition: 0 }] });
});

afterAll(async () => {
  await openProducer.disconnect().catch(() => undefined);
  await brokers.cleanup();
});

describe('the SDK and transactions', () => {
  it('lists and describes the open transaction, and shows its producer on the partition', async () => {
    const admin = kafka.admin();
    const ongoing = await admin.transactions.list({ states: ['Ongoing'] });
    expect(ongoing).toEqual([{ transactionalId: 'sdk-open', producerId: expect.any(Number), state: 'Ongoing' }]);
    const all = await admin.transactions.list();
    expect(all.map((txn) => [txn.transactionalId, txn.state])).toEqual([
      ['sdk-aborted', 'CompleteAbort'],
      ['sdk-open', 'Ongoing'],
    ]);
    expect(await admin.transactions.list({ producerIds: [ongoing[0]!.producerId] })).toEqual(ongoing);

    const described = await admin.transactions.describe('sdk-open');
    expect(described).toMatchObject({
      transactionalId: 'sdk-open',
      state: 'Ongoing',
      producerId: ongoing[0]!.producerId,
      partitions: [{ topic: 'ledger', partition: 0 }],
    });
    await expect(admin.transactions.describe('nobody')).rejects.toMatchObject({ type: 'TRANSACTIONAL_ID_NOT_FOUND' });

    const producers = await admin.producers('ledger', 0);
    const holder = producers.find((producer) => producer.producerId === ongoing[0]!.producerId);
    expect(holder).toMatchObject({ currentTxnStartOffset: 3 });
  });

  it('reads committed records by default, and on to the high watermark with read_uncommitted', async () => {
    const reader = kafka.partitionReader();
    // Offsets: 0 aborted, 1 its abort marker, 2 committed, 3 pending (open), then nothing yet.
    const committed = await reader.read('ledger', 0, 0);
    expect(values(committed.records)).toEqual(['committed']);
    expect(committed).toMatchObject({ lastStableOffset: 3, highWatermark: 4, nextOffset: 3 });
    const uncommitted = await reader.read('ledger', 0, 0, { isolation: 'read_uncommitted' });
    expect(values(uncommitted.records)).toEqual(['committed', 'pending']);
  });

  it('hands a group consumer committed records only, unless it reads uncommitted', async () => {
    const read = async (groupId: string, isolation?: 'read_uncommitted') => {
      const consumer = kafka.consumer({ groupId, topics: ['ledger'], fromBeginning: true, maxWaitMs: 200, isolation });
      try {
        return values(await consumer.poll());
      } finally {
        await consumer.close();
      }
    };
    expect(await read('committed-readers')).toEqual(['committed']);
    expect(await read('dirty-readers', 'read_uncommitted')).toEqual(['committed', 'pending']);
  });
});
