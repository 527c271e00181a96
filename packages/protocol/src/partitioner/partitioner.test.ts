import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMiniKafkaError } from '../errors.js';
import { murmur2 } from './murmur2.js';
import { Partitioner, partitionForKey } from './partitioner.js';

const require = createRequire(import.meta.url);
// kafkajs 2's default partitioner is the Java-compatible one (murmur2, toPositive, modulo).
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (
  key: Buffer | string,
) => number;
const { Partitioners } = require('kafkajs') as {
  Partitioners: { DefaultPartitioner: () => (args: unknown) => number };
};

describe('murmur2', () => {
  // Apache Kafka's UtilsTest vectors.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %s as Kafka does', (text, expected) => {
    expect(murmur2(Buffer.from(text))).toBe(expected);
  });

  it('agrees with kafkajs on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(murmur2(bytes)).toBe(kafkajsMurmur2(Buffer.from(bytes)));
      }),
    );
  });
});

describe('Partitioner', () => {
  it('puts a key in the partition kafkajs would choose', () => {
    const kafkajs = Partitioners.DefaultPartitioner();
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 64 }), (key, count) => {
        const partitionMetadata = Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 0 }));
        const expected = kafkajs({ topic: 't', partitionMetadata, message: { key } });
        expect(partitionForKey(key, count)).toBe(expected);
        expect(new Partitioner().partition({ topic: 't', partitions: count, key })).toBe(expected);
      }),
    );
  });

  it('lets an explicit partition win and rejects one out of range', () => {
    const partitioner = new Partitioner();
    expect(partitioner.partition({ topic: 't', partitions: 3, key: 'k', partition: 2 })).toBe(2);
    for (const bad of [3, -1, 1.5]) {
      try {
        partitioner.partition({ topic: 't', partitions: 3, partition: bad });
        expect.unreachable();
      } catch (error) {
        expect(isMiniKafkaError(error, 'UNKNOWN_TOPIC_OR_PARTITION')).toBe(true);
      }
    }
  });

  it('spreads keyless records round-robin per topic, the same way after a restart', () => {
    const first = new Partitioner();
    const picks = Array.from({ length: 7 }, () => first.partition({ topic: 'a', partitions: 3 }));
    expect(picks).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(first.partition({ topic: 'b', partitions: 3, key: '' })).toBe(0);
    const restarted = new Partitioner();
    expect(Array.from({ length: 7 }, () => restarted.partition({ topic: 'a', partitions: 3 }))).toEqual(picks);
  });
});
