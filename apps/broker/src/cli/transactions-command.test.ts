/** The `mini-kafka transactions` and `mini-kafka producers` commands through the built binary, against a real broker. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { transactionalBatch } from '../testing/transactional-batches.js';
import { runMiniKafka } from './testing/run-binary.js';

describe('mini-kafka transactions and producers', () => {
  let broker: Broker;
  let url: string[];
  let producerId: number;

  beforeAll(async () => {
    broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent' });
    url = ['--url', broker.url];
    await broker.logs.createTopic('ledger', { partitions: 1 });
    await broker.logs.getLog('ledger', 0).append([{ value: 'before' }]);
    const producer = await broker.transactions.initProducerId({
      transactionalId: 'payments',
      transactionTimeoutMs: 60_000,
      producerId: -1,
      producerEpoch: -1,
    });
    producerId = producer.producerId;
    const ids = { transactionalId: 'payments', ...producer };
    await broker.transactions.addPartitions({ ...ids, partitions: [{ topic: 'ledger', partition: 0 }] });
    await broker.logs.getLog('ledger', 0).appendBatch(transactionalBatch(['open'], { ...producer, baseSequence: 0 }));
    await broker.transactions.initProducerId({
      transactionalId: 'idle',
      transactionTimeoutMs: 60_000,
      producerId: -1,
      producerEpoch: -1,
    });
  });
  afterAll(() => broker.close());

  it('lists transactions, by state, in a table and in JSON', async () => {
    const list = await runMiniKafka(['transactions', 'list', ...url]);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(/^TRANSACTIONAL ID\s+PRODUCER ID\s+STATE$/);
    expect(list.stdout).toMatch(new RegExp(`^payments\\s+${producerId}\\s+Ongoing$`, 'm'));
    expect(list.stdout).toMatch(/^idle\s+\d+\s+Empty$/m);
    const ongoing = JSON.parse(
      (await runMiniKafka(['transactions', 'list', '--state', 'ongoing', '--json', ...url])).stdout,
    );
    expect(ongoing).toEqual({ transactions: [{ transactionalId: 'payments', producerId, state: 'Ongoing' }] });
    const bad = await runMiniKafka(['transactions', 'list', '--state', 'Sleeping', ...url]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--state takes one of');
  });

  it('describes a transaction, and exits 1 for an unknown id', async () => {
    const described = await runMiniKafka(['transactions', 'describe', 'payments', ...url]);
    expect(described.code).toBe(0);
    expect(described.stdout).toMatch(
      new RegExp(`^Transaction payments: Ongoing, producer id ${producerId}, epoch 0\\n`),
    );
    expect(described.stdout).toMatch(/^Timeout: 60000 ms, started: \d{4}-\d\d-\d\dT/m);
    expect(described.stdout).toMatch(/^ledger\s+0$/m);
    const json = JSON.parse((await runMiniKafka(['transactions', 'describe', 'payments', '--json', ...url])).stdout);
    expect(json).toMatchObject({
      transactionalId: 'payments',
      state: 'Ongoing',
      partitions: [{ topic: 'ledger', partition: 0 }],
    });
    const unknown = await runMiniKafka(['transactions', 'describe', 'nobody', ...url]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('TRANSACTIONAL_ID_NOT_FOUND');
  });

  it("shows a partition's producers with where their open transaction starts", async () => {
    const table = await runMiniKafka(['producers', 'ledger', '0', ...url]);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^PRODUCER ID\s+EPOCH\s+LAST SEQUENCE\s+LAST TIMESTAMP\s+COORDINATOR EPOCH\s+TXN START OFFSET$/,
    );
    expect(table.stdout).toMatch(new RegExp(`^\\s*${producerId}\\s+0\\s+0\\s+\\d{4}-\\S+\\s+-?\\d+\\s+1$`, 'm'));
    const json = JSON.parse((await runMiniKafka(['producers', 'ledger', '0', '--json', ...url])).stdout);
    expect(json).toEqual({
      topic: 'ledger',
      partition: 0,
      producers: [expect.objectContaining({ producerId, currentTxnStartOffset: 1 })],
    });
    expect((await runMiniKafka(['producers', 'missing', '0', ...url])).code).toBe(1);
    expect((await runMiniKafka(['producers', 'ledger', 'x', ...url])).code).toBe(2);
  });
});
