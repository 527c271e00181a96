/**
 * The SDK's binary transport (RecordBatch bytes, the default) against a real broker: records
 * round-trip exactly through both transports and across them, keys land where the JSON
 * path, the broker and kafkajs put them, compressed batches written by Kafka clients read
 * back (gzip decoded by the SDK, lz4 down-converted by the broker), and an SDK facing a
 * broker without the binary routes falls back to JSON.
 */
import type { Broker } from '@mini-kafka/broker';
import {
  type ConsumerRecord,
  type FetchFunction,
  MiniKafka,
  type ProducerRecord,
  type Transport,
} from '@mini-kafka/client';
import { partitionForKey, RECORD_BATCH_MEDIA_TYPE } from '@mini-kafka/protocol';
import { CompressionTypes, Kafka, logLevel, Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { pollUntil } from '../support/consumer-records.js';
import { kcat, kcatSkipReason } from '../support/kcat.js';

const brokers = new Brokers();
let broker: Broker;

beforeAll(async () => {
  broker = await brokers.start();
});
afterAll(() => brokers.cleanup());

const client = (transport: Transport, fetch?: FetchFunction) =>
  new MiniKafka({ url: broker.url, clientId: `binary-${transport}`, transport, ...(fetch && { fetch }) });

async function readAll(kafka: MiniKafka, topic: string, count: number): Promise<ConsumerRecord[]> {
  const consumer = kafka.consumer({
    groupId: `reader-${topic}-${Math.random()}`,
    topics: [topic],
    fromBeginning: true,
  });
  try {
    return await pollUntil(consumer, count);
  } finally {
    await consumer.close();
  }
}

const T = 1_700_000_000_000;
const RECORDS: ProducerRecord[] = [
  { key: 'user-1', value: 'first', timestamp: T },
  { key: null, value: Buffer.from([0, 1, 2, 0xff, 0xfe]), timestamp: T + 1 },
  { key: Buffer.from([0xde, 0xad, 0xbe, 0xef]), value: null, timestamp: T + 2 },
  { key: 'ключ', value: 'значение ✓ 🎉', headers: { lang: 'ru', emoji: '🎉' }, timestamp: T + 3 },
  {
    key: '',
    value: '',
    headers: [
      { key: 'dup', value: 'a' },
      { key: 'dup', value: null },
      { key: 'bin', value: Buffer.from([0xff, 0]) },
    ],
    timestamp: T + 4,
  },
  { value: 'x'.repeat(70_000), timestamp: T + 5 },
];

/** A record as the consumer hands it out, in a comparable form. */
function shape(record: ConsumerRecord) {
  return {
    key: record.key?.toString('hex') ?? null,
    value: record.value?.toString('hex') ?? null,
    timestamp: record.timestamp,
    headers: Object.fromEntries(
      Object.entries(record.headers).map(([key, value]) => [
        key,
        Array.isArray(value) ? value.map((item) => item?.toString('hex') ?? null) : (value?.toString('hex') ?? null),
      ]),
    ),
  };
}

const hex = (data: ProducerRecord['value']) =>
  data === null || data === undefined ? null : Buffer.from(data as string | Uint8Array).toString('hex');

const EXPECTED = RECORDS.map((record) => ({
  key: hex(record.key ?? null),
  value: hex(record.value),
  timestamp: record.timestamp,
  headers:
    record.headers === undefined
      ? {}
      : Array.isArray(record.headers)
        ? { dup: [hex('a'), null], bin: hex(Buffer.from([0xff, 0])) }
        : { lang: hex('ru'), emoji: hex('🎉') },
}));

describe.each([
  ['binary', 'binary'],
  ['binary', 'json'],
  ['json', 'binary'],
] as const)('records written with %s read back exactly with %s', (writer, reader) => {
  it('keys, null keys and values, headers, timestamps, bytes and multi-byte text', async () => {
    const topic = `round-trip-${writer}-${reader}`;
    const producer = client(writer).producer();
    const results = await producer.sendBatch(topic, RECORDS);
    await producer.close();
    expect(new Set(results.map((result) => result.partition)).size).toBeGreaterThan(0);
    const read = await readAll(client(reader), topic, RECORDS.length);
    const byValue = (a: { timestamp: number }, b: { timestamp: number }) => a.timestamp - b.timestamp;
    expect(read.map(shape).sort(byValue)).toEqual(EXPECTED);
    for (const [i, result] of results.entries()) {
      const stored = read.find((record) => record.partition === result.partition && record.offset === result.offset);
      expect(stored?.timestamp, `record ${i}`).toBe(RECORDS[i]!.timestamp);
    }
  });
});

describe('partitioning by key', () => {
  it('puts a key where the JSON path, the broker and kafkajs put it', async () => {
    await client('json').admin().createTopic('keyed', { partitions: 7 });
    const keys = Array.from({ length: 50 }, (_, i) => `customer-${i}-${'é'.repeat(i % 3)}`);
    const binary = await client('binary')
      .producer()
      .sendBatch(
        'keyed',
        keys.map((key) => ({ key, value: 'b' })),
      );
    // Not idempotent over JSON: the broker picks the partitions.
    const json = await client('json')
      .producer({ idempotent: false })
      .sendBatch(
        'keyed',
        keys.map((key) => ({ key, value: 'j' })),
      );
    const kafkajs = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: 7 }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [0],
      isr: [0],
    }));
    keys.forEach((key, i) => {
      expect(binary[i]!.partition, key).toBe(json[i]!.partition);
      expect(binary[i]!.partition, key).toBe(partitionForKey(key, 7));
      expect(binary[i]!.partition, key).toBe(
        kafkajs({ topic: 'keyed', partitionMetadata, message: { key, value: null } }),
      );
    });
  });
});

describe('batches written by Kafka clients', () => {
  it('reads gzip batches, decoded by the SDK', async () => {
    const kafka = new Kafka({ brokers: [broker.kafkaBootstrap!], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'gzipped', numPartitions: 1 }] });
    await admin.disconnect();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic: 'gzipped',
      compression: CompressionTypes.GZIP,
      messages: Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `gzip ${i}`, headers: { i: `${i}` } })),
    });
    await producer.disconnect();
    const read = await readAll(client('binary'), 'gzipped', 20);
    expect(read.map((record) => [record.offset, record.key?.toString(), record.value?.toString()])).toEqual(
      Array.from({ length: 20 }, (_, i) => [i, `k${i}`, `gzip ${i}`]),
    );
    expect(read[3]!.headers).toEqual({ i: Buffer.from('3') });
  });

  it.skipIf(kcatSkipReason !== undefined)('reads lz4 batches, which the broker sends it uncompressed', async () => {
    await client('json').admin().createTopic('lz4ed', { partitions: 1 });
    const lines = Array.from({ length: 10 }, (_, i) => `k${i}:lz4 ${i}`).join('\n');
    const produced = await kcat(['-b', broker.kafkaBootstrap!, '-P', '-t', 'lz4ed', '-K:', '-z', 'lz4'], `${lines}\n`);
    expect(produced.code, produced.stderr).toBe(0);
    const read = await readAll(client('binary'), 'lz4ed', 10);
    expect(read.map((record) => record.value?.toString())).toEqual(Array.from({ length: 10 }, (_, i) => `lz4 ${i}`));
  });
});

describe('a broker without the binary transport', () => {
  /** What an older broker does: no route for binary produce, JSON whatever the Accept header asks. */
  const olderBroker: FetchFunction = async (input, init) => {
    const url = new URL(input);
    if (init.method === 'POST' && /^\/v1\/topics\/[^/]+\/partitions\/\d+\/records$/.test(url.pathname)) {
      const error = { code: 42, name: 'INVALID_REQUEST', message: `No route for POST ${url.pathname}` };
      return new Response(JSON.stringify({ error }), { status: 404, headers: { 'content-type': 'application/json' } });
    }
    const headers = new Headers(init.headers);
    if (headers.get('accept')?.includes(RECORD_BATCH_MEDIA_TYPE)) headers.set('accept', 'application/json');
    return globalThis.fetch(input, { ...init, headers });
  };

  it('is written to and read from in JSON, records intact', async () => {
    const paths: string[] = [];
    const kafka = client('binary', async (input, init) => {
      paths.push(`${init.method ?? 'GET'} ${new URL(input).pathname}`);
      return olderBroker(input, init);
    });
    const producer = kafka.producer();
    const first = await producer.sendBatch('older', RECORDS);
    const second = await producer.send('older', 'after the fallback');
    await producer.close();
    expect(first.map((result) => result.offset)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(second.offset).toBe(6);
    // One binary attempt, refused, then JSON from there on.
    expect(paths.filter((path) => path.startsWith('POST /v1/topics/older/'))).toEqual([
      'POST /v1/topics/older/partitions/0/records',
      'POST /v1/topics/older/records',
      'POST /v1/topics/older/records',
    ]);
    const read = await readAll(kafka, 'older', 7);
    expect(read.slice(0, 6).map(shape)).toEqual(EXPECTED);
    expect(read[6]!.value?.toString()).toBe('after the fallback');
  });
});

describe('a fetch answer lost on the way', () => {
  it('is fetched again: the broker moved past it, the consumer puts it back, and no record is skipped', async () => {
    const writer = client('binary').producer();
    for (let i = 0; i < 10; i++) {
      await writer.sendBatch(
        'lossy-reads',
        Array.from({ length: 10 }, (_, j) => ({ value: `r${i * 10 + j}` })),
      );
    }
    await writer.close();
    let fetches = 0;
    const losing: FetchFunction = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      if (/\/members\/[^/]+\/records$/.test(new URL(input).pathname) && [3, 5, 6].includes(++fetches)) {
        await response.body?.cancel();
        throw new TypeError('fetch failed (the answer was lost)');
      }
      return response;
    };
    const kafka = new MiniKafka({ url: broker.url, fetch: losing, retry: { initialRetryTime: 1 } });
    const consumer = kafka.consumer({
      groupId: 'lossy-readers',
      topics: ['lossy-reads'],
      fromBeginning: true,
      maxRecords: 10,
    });
    try {
      const values: Array<string | undefined> = [];
      for (let polls = 0; values.length < 100 && polls < 100; polls++) {
        for (const record of await consumer.poll({ maxRecords: 10, waitMs: 500 }))
          values.push(record.value?.toString());
      }
      expect(values).toEqual(Array.from({ length: 100 }, (_, i) => `r${i}`));
      expect(fetches).toBeGreaterThan(6);
    } finally {
      await consumer.close();
    }
  });
});
