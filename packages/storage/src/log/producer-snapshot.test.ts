import { testSeed } from '@mini-kafka/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32c } from '../record-batch/crc32c.js';
import {
  parseProducerSnapshot,
  parseSnapshotFileName,
  serializeProducerSnapshot,
  snapshotFileName,
} from './producer-snapshot.js';
import type { ProducerStateEntry } from './producer-state-entry.js';

const entries: ProducerStateEntry[] = [
  {
    producerId: 0,
    producerEpoch: 0,
    lastTimestamp: 1_700_000_000_000,
    currentTxnFirstOffset: -1,
    coordinatorEpoch: -1,
    batches: [{ firstSeq: 0, lastSeq: 4, lastOffset: 4, offsetDelta: 4, timestamp: 1_700_000_000_000 }],
  },
  {
    producerId: 2 ** 40,
    producerEpoch: 32767,
    lastTimestamp: 5,
    currentTxnFirstOffset: 3,
    coordinatorEpoch: 7,
    batches: [
      { firstSeq: 0x7ffffffe, lastSeq: 0, lastOffset: 2 ** 45, offsetDelta: 2, timestamp: 4 },
      { firstSeq: 1, lastSeq: 1, lastOffset: 2 ** 45 + 1, offsetDelta: 0, timestamp: 5 },
    ],
  },
];

describe('producer state snapshots', () => {
  it('round-trip every entry, sequences that wrap included', () => {
    expect(parseProducerSnapshot(serializeProducerSnapshot(entries))).toEqual(entries);
    expect(parseProducerSnapshot(serializeProducerSnapshot([]))).toEqual([]);
  });

  it('are named by their 20-digit offset', () => {
    expect(snapshotFileName(42)).toBe('00000000000000000042.snapshot');
    expect(parseSnapshotFileName('00000000000000000042.snapshot')).toBe(42);
    expect(parseSnapshotFileName('00000000000000000042.log')).toBeUndefined();
  });

  it('refuse any flipped byte and any truncation, and never throw on random bytes', () => {
    const bytes = serializeProducerSnapshot(entries);
    for (let at = 0; at < bytes.length; at++) {
      const corrupt = Buffer.from(bytes);
      corrupt[at]! ^= 0x01;
      expect(parseProducerSnapshot(corrupt), `byte ${at}`).toBeUndefined();
      expect(parseProducerSnapshot(bytes.subarray(0, at)), `cut at ${at}`).toBeUndefined();
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (random) => {
        parseProducerSnapshot(Buffer.from(random));
      }),
      { seed: testSeed() },
    );
  });
});

describe('producer state snapshots of version 1', () => {
  it('are still read, as producers without an ongoing transaction', () => {
    const v2 = serializeProducerSnapshot([entries[0]!]);
    // Version 1: the same fields without currentTxnFirstOffset and coordinatorEpoch (12 bytes).
    const v1 = Buffer.concat([v2.subarray(0, 10 + 19), v2.subarray(10 + 31)]);
    v1.writeInt16BE(1, 0);
    v1.writeUInt32BE(crc32c(v1.subarray(6)), 2);
    expect(parseProducerSnapshot(v1)).toEqual([entries[0]]);
  });
});
