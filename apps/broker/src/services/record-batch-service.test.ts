/**
 * The binary transport against a real broker over HTTP: RecordBatch v2 bodies produced to a
 * partition, fetch frames from a partition and for a group member, the validation of bad
 * bodies, down-conversion of codecs the client does not inflate, and JSON left as it was.
 */
import { decodeFetchFrame, type FetchFrame, RECORD_BATCH_MEDIA_TYPE, recordBatchAccept } from '@mini-kafka/protocol';
import {
  ATTRIBUTES_OFFSET,
  BATCH_LENGTH_OFFSET,
  batchAttributes,
  COMPRESSION_CODEC_MASK,
  CONTROL_MASK,
  CompressionCodec,
  decodeRecordBatches,
  encodeRecordBatch,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  RECORDS_OFFSET,
  type RecordInput,
  rewriteCrc,
} from '@mini-kafka/storage';
import { compressFrameSync } from 'lz4-napi';
import { compressSync } from 'snappy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { send } from '../http/testing/serve-app.js';
import { takeRecords } from './record-batch-service.js';

let broker: Broker;
beforeAll(async () => {
  broker = await createBroker({
    inMemory: true,
    port: 0,
    kafkaPort: -1,
    logLevel: 'silent',
    defaultPartitions: 2,
    maxRequestBytes: 64 * 1024,
  });
});
afterAll(() => broker.close());

const url = (path: string): string => `${broker.url}${path}`;
const T = 1_700_000_000_000;

async function produceBytes(topic: string, partition: number, body: Buffer, contentType = RECORD_BATCH_MEDIA_TYPE) {
  const response = await fetch(url(`/v1/topics/${topic}/partitions/${partition}/records`), {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), body: JSON.parse(text) };
}

async function fetchFrame(path: string, accept = RECORD_BATCH_MEDIA_TYPE): Promise<FetchFrame> {
  const response = await fetch(url(path), { headers: { accept } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(RECORD_BATCH_MEDIA_TYPE);
  return decodeFetchFrame(Buffer.from(await response.arrayBuffer()));
}

async function logEnd(topic: string, partition: number): Promise<number> {
  const { body } = await send(url(`/v1/topics/${topic}`));
  return body.partitionDetails[partition].logEndOffset;
}

const RECORDS: RecordInput[] = [
  { key: 'user-1', value: 'first', timestamp: T },
  { key: null, value: Buffer.from([0, 1, 2, 0xff]), timestamp: T + 1 },
  { key: Buffer.from([0xde, 0xad]), value: null, timestamp: T + 2 },
  { key: 'ключ', value: 'значение ✓ 🎉', headers: [{ key: 'h', value: 'x' }], timestamp: T + 3 },
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
];

/** The same batch compressed with `codec` by `compress`, length and CRC fixed. */
function compressed(plain: Buffer, codec: number, compress: (data: Buffer) => Buffer): Buffer {
  const out = Buffer.concat([plain.subarray(0, RECORDS_OFFSET), compress(plain.subarray(RECORDS_OFFSET))]);
  out.writeInt32BE(out.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
  out.writeInt16BE(batchAttributes(out, 0) | codec, ATTRIBUTES_OFFSET);
  rewriteCrc(out, 0);
  return out;
}

describe('binary produce', () => {
  it('appends the batches as they are and answers the offsets, readable as JSON and as batches', async () => {
    await send(url('/v1/topics'), 'POST', { name: 'round-trip', partitions: 2 });
    const body = Buffer.concat([encodeRecordBatch(RECORDS.slice(0, 2)), encodeRecordBatch(RECORDS.slice(2))]);
    const answer = await produceBytes('round-trip', 1, body);
    expect(answer).toMatchObject({ status: 200, type: 'application/json' });
    expect(answer.body).toEqual({ topic: 'round-trip', partition: 1, baseOffset: 0, lastOffset: 4, logStartOffset: 0 });

    const json = await send(url('/v1/topics/round-trip/partitions/1/records?offset=0&encoding=base64'));
    const values = json.body.records.map((record: { value: string | null }) => record.value);
    expect(values).toEqual(RECORDS.map((r) => (r.value === null ? null : Buffer.from(r.value).toString('base64'))));
    expect(json.body.records[4].headers).toEqual([
      { key: 'dup', value: Buffer.from('a').toString('base64') },
      { key: 'dup', value: null },
      { key: 'bin', value: Buffer.from([0xff, 0]).toString('base64') },
    ]);

    const frame = await fetchFrame('/v1/topics/round-trip/partitions/1/records?offset=0');
    expect(frame).toMatchObject({ generationId: -1, rebalanceRequired: false });
    const [part] = frame.partitions;
    expect(part).toMatchObject({ topic: 'round-trip', partition: 1, fetchOffset: 0, nextOffset: 5, highWatermark: 5 });
    const decoded = decodeRecordBatches(part!.records);
    expect(decoded.map((r) => [r.offset, r.timestamp, r.key?.toString('hex') ?? null])).toEqual(
      RECORDS.map((r, i) => [i, r.timestamp, r.key === null ? null : Buffer.from(r.key!).toString('hex')]),
    );
    expect(decoded[3]!.value!.toString()).toBe('значение ✓ 🎉');
  });

  it('refuses a topic or partition that does not exist, creating nothing (as Kafka Produce)', async () => {
    const missing = await produceBytes('not-made', 0, encodeRecordBatch([{ value: 'v' }]));
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      name: 'UNKNOWN_TOPIC_OR_PARTITION',
      message: 'Topic "not-made" does not exist',
    });
    expect((await send(url('/v1/topics/not-made'))).status).toBe(404);
    await send(url('/v1/producers/topic-metadata'), 'POST', { topic: 'not-made' });
    expect((await produceBytes('not-made', 1, encodeRecordBatch([{ value: 'v' }]))).body).toMatchObject({
      partition: 1,
    });
    const outside = await produceBytes('not-made', 2, encodeRecordBatch([{ value: 'v' }]));
    expect(outside.status).toBe(404);
    expect(outside.body.error.message).toBe('Topic "not-made" has no partition 2');
  });

  it('stores an idempotent batch sent twice once, and answers the resend with the same offsets', async () => {
    await send(url('/v1/topics'), 'POST', { name: 'idempotent-binary' });
    const { body: producer } = await send(url('/v1/producers'), 'POST');
    const batch = encodeRecordBatch([{ value: 'a' }, { value: 'b' }], { ...producer, baseSequence: 0 });
    const first = await produceBytes('idempotent-binary', 0, batch);
    const again = await produceBytes('idempotent-binary', 0, batch);
    expect(again.body).toEqual(first.body);
    expect(await logEnd('idempotent-binary', 0)).toBe(2);
    const gap = await produceBytes(
      'idempotent-binary',
      0,
      encodeRecordBatch([{ value: 'c' }], { ...producer, baseSequence: 5 }),
    );
    expect(gap.status).toBe(409);
    expect(gap.body.error.name).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
  });

  const good = (): Buffer => encodeRecordBatch([{ value: 'one' }, { value: 'two' }]);
  const BAD_BODIES: Array<[string, () => Buffer, number, string, RegExp]> = [
    ['an empty body', () => Buffer.alloc(0), 400, 'INVALID_RECORD', /holds no records/],
    ['a truncated batch', () => good().subarray(0, 40), 400, 'CORRUPT_MESSAGE', /truncated|invalid length/],
    [
      'a batch cut short of its length',
      () => good().subarray(0, good().length - 3),
      400,
      'CORRUPT_MESSAGE',
      /truncated/,
    ],
    [
      'a CRC that does not match',
      () => {
        const bytes = good();
        bytes[bytes.length - 1]! ^= 0xff;
        return bytes;
      },
      400,
      'CORRUPT_MESSAGE',
      /CRC/,
    ],
    [
      'magic 1',
      () => {
        const bytes = good();
        bytes[MAGIC_OFFSET] = 1;
        return bytes;
      },
      400,
      'UNSUPPORTED_VERSION',
      /magic 2/,
    ],
    [
      'a record count that does not match the records',
      () => {
        const bytes = good();
        bytes.writeInt32BE(1, 57); // recordsCount
        rewriteCrc(bytes, 0);
        return bytes;
      },
      400,
      'INVALID_RECORD',
      /offset deltas/,
    ],
    [
      'a control batch',
      () => {
        const bytes = good();
        bytes.writeInt16BE(CONTROL_MASK, ATTRIBUTES_OFFSET);
        rewriteCrc(bytes, 0);
        return bytes;
      },
      400,
      'INVALID_RECORD',
      /control batch/,
    ],
    [
      'a good batch followed by bytes that are not one',
      () => Buffer.concat([good(), Buffer.from('not a batch')]),
      400,
      'CORRUPT_MESSAGE',
      /batch 1 /,
    ],
    [
      'a body over the request limit',
      () => encodeRecordBatch([{ value: Buffer.alloc(70 * 1024) }]),
      413,
      'RECORD_LIST_TOO_LARGE',
      /limit of 65536 bytes/,
    ],
  ];

  it.each(BAD_BODIES)(
    'refuses %s with a JSON error naming it, storing nothing',
    async (_name, body, status, name, message) => {
      await send(url('/v1/topics'), 'POST', { name: 'strict' });
      const before = await logEnd('strict', 0);
      const answer = await produceBytes('strict', 0, body());
      expect(answer.status).toBe(status);
      expect(answer.type).toBe('application/json');
      expect(answer.body.error.name).toBe(name);
      expect(answer.body.error.message).toMatch(message);
      expect(await logEnd('strict', 0)).toBe(before);
    },
  );

  it('refuses a batch over the topic batch limit with 413 MESSAGE_TOO_LARGE', async () => {
    await send(url('/v1/topics'), 'POST', { name: 'small-batches', config: { maxBatchBytes: 1000 } });
    const answer = await produceBytes('small-batches', 0, encodeRecordBatch([{ value: Buffer.alloc(2000) }]));
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatchObject({ name: 'MESSAGE_TOO_LARGE', details: { limit: 1000 } });
  });

  it('answers 415 for a body of another type, on either produce route', async () => {
    const json = await produceBytes('strict', 0, Buffer.from('{"records":[]}'), 'application/json');
    expect(json.status).toBe(415);
    expect(json.body.error.message).toContain(RECORD_BATCH_MEDIA_TYPE);
    const response = await fetch(url('/v1/topics/strict/records'), {
      method: 'POST',
      headers: { 'content-type': RECORD_BATCH_MEDIA_TYPE },
      body: good(),
    });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      '/v1/topics/strict/partitions/{partition}/records',
    );
  });
});

describe('binary partition fetch', () => {
  it('answers the batch holding the offset, with the offset to skip to', async () => {
    await send(url('/v1/topics'), 'POST', { name: 'inside' });
    await produceBytes('inside', 0, encodeRecordBatch(Array.from({ length: 10 }, (_, i) => ({ value: `v${i}` }))));
    await produceBytes('inside', 0, encodeRecordBatch([{ value: 'v10' }]));
    const frame = await fetchFrame('/v1/topics/inside/partitions/0/records?offset=4&maxRecords=3');
    const part = frame.partitions[0]!;
    expect(part).toMatchObject({ fetchOffset: 4, nextOffset: 10, highWatermark: 11, logStartOffset: 0 });
    expect(decodeRecordBatches(part.records)[0]!.offset).toBe(0); // the whole batch, as stored
    expect(decodeRecordBatches(part.records, part.fetchOffset).map((r) => r.value?.toString())).toEqual([
      'v4',
      'v5',
      'v6',
      'v7',
      'v8',
      'v9',
    ]);
    const end = await fetchFrame('/v1/topics/inside/partitions/0/records?offset=11');
    expect(end.partitions[0]).toMatchObject({ fetchOffset: 11, nextOffset: 11, highWatermark: 11 });
    expect(end.partitions[0]!.records.length).toBe(0);
  });

  it('answers errors as JSON, and JSON as it was to a client that asks for JSON or nothing', async () => {
    const outside = await fetch(url('/v1/topics/inside/partitions/0/records?offset=99'), {
      headers: { accept: RECORD_BATCH_MEDIA_TYPE },
    });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-type')).toBe('application/json');
    expect(((await outside.json()) as { error: { name: string } }).error.name).toBe('OFFSET_OUT_OF_RANGE');
    const plain = await fetch(url('/v1/topics/inside/partitions/0/records?offset=9'));
    const asked = await fetch(url('/v1/topics/inside/partitions/0/records?offset=9'), {
      headers: { accept: 'application/json, */*' },
    });
    expect(plain.headers.get('content-type')).toBe('application/json');
    expect(plain.headers.get('vary')).toBeNull();
    const text = await plain.text();
    expect(await asked.text()).toBe(text);
    expect(JSON.parse(text)).toMatchObject({ nextOffset: 11, records: [{ offset: 9, value: 'v9' }, { offset: 10 }] });
  });

  it('waits for data with waitMs', async () => {
    const waiting = fetchFrame('/v1/topics/inside/partitions/0/records?offset=11&waitMs=5000');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await produceBytes('inside', 0, encodeRecordBatch([{ value: 'late' }]));
    const part = (await waiting).partitions[0]!;
    expect(decodeRecordBatches(part.records, part.fetchOffset).map((r) => r.value?.toString())).toEqual(['late']);
  });

  it('sends batches of a codec the client does not name uncompressed, the others as stored', async () => {
    await send(url('/v1/topics'), 'POST', { name: 'codecs' });
    const plain = encodeRecordBatch([
      { key: 'k', value: 'snappy one', headers: [{ key: 'h', value: 'v' }], timestamp: T },
      { value: 'snappy two', timestamp: T + 7 },
    ]);
    await produceBytes(
      'codecs',
      0,
      compressed(plain, CompressionCodec.Snappy, (data) => compressSync(data) as Buffer),
    );
    await produceBytes(
      'codecs',
      0,
      compressed(encodeRecordBatch([{ value: 'lz4' }]), CompressionCodec.Lz4, compressFrameSync),
    );
    const codecsOf = (bytes: Buffer): number[] => {
      const out: number[] = [];
      for (let at = 0; at < bytes.length; at += bytes.readInt32BE(at + BATCH_LENGTH_OFFSET) + LOG_OVERHEAD) {
        out.push(batchAttributes(bytes, at) & COMPRESSION_CODEC_MASK);
      }
      return out;
    };
    const stored = (await fetchFrame('/v1/topics/codecs/partitions/0/records?offset=0')).partitions[0]!;
    expect(codecsOf(stored.records)).toEqual([CompressionCodec.Snappy, CompressionCodec.Lz4]);
    const gzipOnly = await fetchFrame('/v1/topics/codecs/partitions/0/records?offset=1', recordBatchAccept(['gzip']));
    const converted = gzipOnly.partitions[0]!;
    expect(codecsOf(converted.records)).toEqual([CompressionCodec.None, CompressionCodec.None]);
    const records = decodeRecordBatches(converted.records);
    expect(records.map((r) => [r.offset, r.timestamp, r.value?.toString()])).toEqual([
      [0, T, 'snappy one'],
      [1, T + 7, 'snappy two'],
      [2, expect.any(Number), 'lz4'],
    ]);
    expect(records[0]!.headers).toEqual([{ key: 'h', value: Buffer.from('v') }]);
    const lz4Too = await fetchFrame(
      '/v1/topics/codecs/partitions/0/records?offset=0',
      'application/vnd.kafka.record-batch; codecs="gzip, lz4"',
    );
    expect(codecsOf(lz4Too.partitions[0]!.records)).toEqual([CompressionCodec.None, CompressionCodec.Lz4]);
  });
});

describe('binary member fetch', () => {
  it('answers from the member positions, moves them past the batches answered, and commits as before', async () => {
    await send(url('/v1/topics'), 'POST', { name: 'members', partitions: 2 });
    await produceBytes('members', 0, encodeRecordBatch([{ value: 'a0' }, { value: 'a1' }, { value: 'a2' }]));
    await produceBytes('members', 0, encodeRecordBatch([{ value: 'a3' }]));
    await produceBytes('members', 1, encodeRecordBatch([{ value: 'b0' }]));
    const joined = await send(url('/v1/groups/binary-readers/members'), 'POST', { topics: ['members'] });
    const { memberId, generationId } = joined.body;
    const path = `/v1/groups/binary-readers/members/${memberId}/records?generationId=${generationId}`;

    const first = await fetchFrame(`${path}&maxRecords=2`);
    expect(first).toMatchObject({ generationId, rebalanceRequired: false });
    // Whole batches: the first holds three records, more than maxRecords, and nothing else fits.
    expect(first.partitions.map((p) => [p.partition, p.fetchOffset, p.nextOffset])).toEqual([[0, 0, 3]]);

    const commit = await send(url('/v1/groups/binary-readers/offsets'), 'POST', {
      memberId,
      generationId,
      offsets: [{ topic: 'members', partition: 0, offset: 3 }],
    });
    expect(commit.status).toBe(200);

    const second = await fetchFrame(path);
    expect(second.partitions.map((p) => [p.partition, p.fetchOffset, p.nextOffset])).toEqual([
      [0, 3, 4],
      [1, 0, 1],
    ]);
    const values = second.partitions.flatMap((p) =>
      decodeRecordBatches(p.records, p.fetchOffset).map((r) => r.value?.toString()),
    );
    expect(values).toEqual(['a3', 'b0']);
    expect((await fetchFrame(path)).partitions).toEqual([]);

    // JSON reads the same positions: nothing new.
    const json = await send(url(path));
    expect(json.body).toEqual({ generationId, rebalanceRequired: false, records: [] });
    const offsets = await send(url('/v1/groups/binary-readers/offsets'));
    expect(offsets.body.offsets).toEqual([expect.objectContaining({ partition: 0, offset: 3 })]);
  });

  it('reports a rebalance to a member of an old generation, with no records', async () => {
    const first = await send(url('/v1/groups/binary-rebalance/members'), 'POST', { topics: ['members'] });
    const second = await send(url('/v1/groups/binary-rebalance/members'), 'POST', { topics: ['members'] });
    const frame = await fetchFrame(
      `/v1/groups/binary-rebalance/members/${first.body.memberId}/records?generationId=${first.body.generationId}`,
    );
    expect(frame).toEqual({
      version: 0,
      generationId: second.body.generationId,
      rebalanceRequired: true,
      partitions: [],
    });
  });
});

describe('takeRecords', () => {
  const first = encodeRecordBatch([{ value: '0' }, { value: '1' }, { value: '2' }], { baseOffset: 0 });
  const second = encodeRecordBatch([{ value: '3' }], { baseOffset: 3 });
  const third = encodeRecordBatch([{ value: '4' }, { value: '5' }], { baseOffset: 4 });
  const batches = Buffer.concat([first, second, third]);

  it('takes whole batches until the limit is reached, counting from the read offset', () => {
    expect(takeRecords([batches], 1, 2)).toMatchObject({ records: 2, nextOffset: 3 });
    expect(takeRecords([batches], 1, 3)).toMatchObject({ records: 3, nextOffset: 4 });
    expect(takeRecords([batches], 1, 4)).toMatchObject({ records: 5, nextOffset: 6 });
    expect(takeRecords([batches], 0, 100)).toMatchObject({ chunks: [batches], records: 6, nextOffset: 6 });
  });

  it('takes from chunks in order, as views, and stops inside the chunk that reaches the limit', () => {
    const chunks = [first, Buffer.concat([second, third])];
    const taken = takeRecords(chunks, 0, 4);
    expect(taken).toMatchObject({ records: 4, nextOffset: 4 });
    expect(Buffer.concat(taken.chunks)).toEqual(Buffer.concat([first, second]));
    expect(taken.chunks[0]).toBe(first);
    expect(taken.chunks[1]!.buffer).toBe(chunks[1]!.buffer);
    expect(takeRecords(chunks, 0, 3).chunks).toEqual([first]);
  });
});
