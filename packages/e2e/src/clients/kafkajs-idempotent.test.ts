/**
 * kafkajs 2.2.4 with `idempotent: true` through a proxy that loses Produce responses (after
 * the broker appended the batch) and drops the connection: kafkajs resends each lost batch
 * with the same producer id, epoch and sequence, and the broker answers it with the
 * original offsets without storing it again. Which responses are lost comes from the run's
 * seed (MINI_KAFKA_TEST_SEED replays it). Then every record is read back: each exactly once,
 * in the order it was sent, per partition.
 */
import { SeededRandom, testSeed } from '@mini-kafka/testing';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { clientFeatures } from '../support/client-features.js';
import { DroppingProxy } from '../support/dropping-proxy.js';

const brokers = new Brokers();
const feature = clientFeatures('kafkajs 2.2.4');
const proxies: DroppingProxy[] = [];
afterEach(async () => {
  for (const proxy of proxies.splice(0)) await proxy.close();
  await brokers.cleanup();
});

const SEED = testSeed();
const SENDS = 40;
const PER_SEND = 5;
const PARTITIONS = 3;

describe(`kafkajs idempotent producer (seed ${SEED})`, () => {
  // Stores every record exactly once and in order when Produce responses are lost.
  feature('idempotent producer', async () => {
    const random = SeededRandom.derive(SEED, 'kafkajs-idempotent');
    const broker = await brokers.start();
    await broker.logs.createTopic('ledger', { partitions: PARTITIONS });
    // Lose about a third of the responses, never the same send's more than three times running.
    let lostInARow = 0;
    const proxy = await DroppingProxy.start({
      target: { host: '127.0.0.1', port: broker.kafkaPort },
      dropProduceResponse: () => {
        const drop = lostInARow < 3 && random.int(3) === 0;
        lostInARow = drop ? lostInARow + 1 : 0;
        return drop;
      },
    });
    proxies.push(proxy);
    const kafka = new Kafka({
      clientId: 'e2e-idempotent',
      brokers: [proxy.bootstrap],
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 20, maxRetryTime: 200, retries: 50 },
    });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const sent = new Map<number, string[]>();
    for (let send = 0; send < SENDS; send++) {
      const partition = send % PARTITIONS;
      const values = Array.from({ length: PER_SEND }, (_, i) => `s${send}-r${i}`);
      const [answer] = await producer.send({
        topic: 'ledger',
        acks: -1,
        messages: values.map((value) => ({ value, partition })),
      });
      expect(answer?.errorCode).toBe(0);
      sent.set(partition, [...(sent.get(partition) ?? []), ...values]);
    }
    await producer.disconnect();

    const context = `seed ${SEED}: ${proxy.dropped} of ${proxy.produceResponses} Produce responses lost`;
    expect(proxy.dropped, context).toBeGreaterThan(0);
    for (let partition = 0; partition < PARTITIONS; partition++) {
      const { records } = await broker.logs.getLog('ledger', partition).read(0, { maxBytes: 1 << 22 });
      expect(
        records.map((record) => record.value?.toString()),
        `${context}, partition ${partition}`,
      ).toEqual(sent.get(partition));
    }
  });
});
