/**
 * SIGKILL during idempotent produce: a broker child process on a data directory takes
 * sends from a kafkajs `idempotent: true` producer (through a proxy, so the address stays
 * the same across the restart). After some acks the proxy loses the answer to a Produce
 * the broker has already written and fsynced, and the broker is killed with SIGKILL at
 * that moment; a new broker is started on the same directory. kafkajs resends the batch
 * with the same producer id and sequence; the new broker rebuilt its producer state from
 * the snapshot and the log, so it answers the batch instead of storing it again.
 * Afterwards each partition holds every record sent, exactly once, in order: no duplicate,
 * no gap. When the kill lands (how many acks first) comes from the run's seed.
 */
import { SeededRandom, testSeed } from '@mini-kafka/testing';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { DroppingProxy } from '../support/dropping-proxy.js';
import { call } from '../support/json-call.js';

const brokers = new Brokers();
const proxies: DroppingProxy[] = [];
afterEach(async () => {
  for (const proxy of proxies.splice(0)) await proxy.close();
  await brokers.cleanup();
});

const SEED = testSeed();
const PARTITIONS = 2;
const SENDS = 120;

function target(bootstrap: string): { host: string; port: number } {
  const port = Number(bootstrap.slice(bootstrap.lastIndexOf(':') + 1));
  return { host: '127.0.0.1', port };
}

async function readPartition(url: string, partition: number): Promise<string[]> {
  const values: string[] = [];
  let offset = 0;
  for (;;) {
    const { body } = await call(url, 'GET', `/v1/topics/ledger/partitions/${partition}/records?offset=${offset}`);
    if (body.records.length === 0) return values;
    for (const record of body.records as { value: string }[]) values.push(record.value);
    offset = body.nextOffset;
  }
}

describe(`kafkajs idempotent producer across a broker SIGKILL (seed ${SEED})`, () => {
  it('keeps every record exactly once and in order', async () => {
    const random = SeededRandom.derive(SEED, 'idempotent-crash');
    const killAfter = 20 + random.int(60);
    const dataDir = await brokers.dataDir();
    const first = await brokers.spawn(dataDir);
    await call(first.url, 'POST', '/v1/topics', { name: 'ledger', partitions: PARTITIONS });
    let restarted: Promise<string> | undefined;
    const proxy: DroppingProxy = await DroppingProxy.start({
      target: target(first.kafkaBootstrap),
      dropProduceResponse: (n) => {
        if (n !== killAfter) return false;
        // The batch is written (the broker answered); lose the answer and kill the broker now.
        first.child.kill('SIGKILL');
        restarted = first.exited.then(async () => {
          const second = await brokers.spawn(dataDir);
          proxy.retarget(target(second.kafkaBootstrap));
          return second.url;
        });
        return true;
      },
    });
    proxies.push(proxy);
    const kafka = new Kafka({
      clientId: 'e2e-idempotent-crash',
      brokers: [proxy.bootstrap],
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 100, maxRetryTime: 1000, retries: 60 },
    });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();

    const sent = new Map<number, string[]>();
    for (let send = 0; send < SENDS; send++) {
      const partition = send % PARTITIONS;
      const values = Array.from({ length: 1 + (send % 4) }, (_, i) => `s${send}-r${i}`);
      await producer.send({ topic: 'ledger', acks: -1, messages: values.map((value) => ({ value, partition })) });
      sent.set(partition, [...(sent.get(partition) ?? []), ...values]);
    }
    await producer.disconnect();
    expect(restarted, `the broker should have been killed at Produce response ${killAfter}`).toBeDefined();
    const url = await restarted!;

    for (let partition = 0; partition < PARTITIONS; partition++) {
      expect(await readPartition(url, partition), `seed ${SEED}, partition ${partition}`).toEqual(sent.get(partition));
    }
  });
});
