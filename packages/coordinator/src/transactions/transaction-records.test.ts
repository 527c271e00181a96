import { describe, expect, it } from 'vitest';
import { newMetadata, type TransactionMetadata } from './transaction-metadata.js';
import { decodeTransactionRecord, transactionRecord, transactionTombstone } from './transaction-records.js';

/** The record as the log returns it: key and value as bytes (the records write strings). */
function bytes(record: { key?: unknown; value: unknown }) {
  const buffer = (value: unknown) =>
    typeof value === 'string' ? Buffer.from(value) : Buffer.isBuffer(value) ? value : null;
  return { key: buffer(record.key), value: buffer(record.value) };
}

const ongoing: TransactionMetadata = {
  ...newMetadata('tx "quoted" ü', 42, 60_000, 1_700_000_000_000),
  producerEpoch: 3,
  previousProducerId: 41,
  lastProducerEpoch: 2,
  state: 'Ongoing',
  partitions: [
    { topic: 'a', partition: 0 },
    { topic: 'b', partition: 7 },
  ],
  groups: ['g1', 'g2'],
  startTimeMs: 1_700_000_000_500,
};

describe('transaction state log records', () => {
  it('round-trip every field, and tombstones', () => {
    expect(decodeTransactionRecord(bytes(transactionRecord(ongoing)))).toEqual({
      transactionalId: ongoing.transactionalId,
      value: ongoing,
    });
    expect(decodeTransactionRecord(bytes(transactionTombstone('tx')))).toEqual({ transactionalId: 'tx', value: null });
  });

  it('hold ids, epochs, partitions and group ids only, as readable JSON', () => {
    const record = transactionRecord(ongoing);
    expect(JSON.parse(String(record.key))).toEqual({ v: 1, txn: ongoing.transactionalId });
    expect(JSON.parse(String(record.value))).toMatchObject({
      state: 'Ongoing',
      partitions: [
        ['a', 0],
        ['b', 7],
      ],
    });
  });

  it('decode to undefined whatever this version does not understand', () => {
    const good = bytes(transactionRecord(ongoing));
    const value = JSON.parse(good.value!.toString()) as Record<string, unknown>;
    const broken = [
      { key: null, value: good.value },
      { key: 'not json', value: good.value },
      { key: '{"v":2,"txn":"tx"}', value: good.value },
      { key: good.key, value: '[1,2]' },
      { key: good.key, value: JSON.stringify({ ...value, state: 'Sleeping' }) },
      { key: good.key, value: JSON.stringify({ ...value, producerId: -1 }) },
      { key: good.key, value: JSON.stringify({ ...value, partitions: [['a', -1]] }) },
      { key: good.key, value: JSON.stringify({ ...value, groups: [1] }) },
      { key: good.key, value: JSON.stringify({ ...value, timeoutMs: 1.5 }) },
    ];
    for (const record of broken) expect(decodeTransactionRecord(bytes(record))).toBeUndefined();
  });
});
