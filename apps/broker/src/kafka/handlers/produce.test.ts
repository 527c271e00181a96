/**
 * Produce over the Kafka port: every partition's bytes go to the log's validator, and the
 * error a client gets for each kind of bad batch is Kafka's code for it; nothing of a
 * refused batch is stored.
 */
import { connect, type Socket } from 'node:net';
import { decodeResponseFrame, encodeRequestFrame, Produce } from '@mini-kafka/kafka-protocol';
import {
  ATTRIBUTES_OFFSET,
  BATCH_HEADER_SIZE,
  CONTROL_MASK,
  encodeRecordBatch,
  MAGIC_OFFSET,
  rewriteCrc,
} from '@mini-kafka/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../../broker.js';

let broker: Broker;
let socket: Socket;
let correlationId = 0;

beforeAll(async () => {
  broker = await createBroker({ inMemory: true, port: 0, kafkaPort: 0, logLevel: 'silent' });
  await broker.logs.createTopic('t', { partitions: 1 });
  await broker.logs.createTopic('small', { partitions: 1, config: { maxBatchBytes: 100 } });
  socket = await new Promise<Socket>((resolve, reject) => {
    const opened = connect(broker.kafkaPort, '127.0.0.1', () => resolve(opened));
    opened.once('error', reject);
  });
});

afterAll(async () => {
  socket.destroy();
  await broker.close();
});

/** Sends Produce v7 (acks 1) of `records` to partition 0 of `topic`; resolves to the partition's answer. */
async function produce(topic: string, records: Buffer | null): Promise<{ errorCode: number; baseOffset: number }> {
  const frame = encodeRequestFrame(
    Produce,
    7,
    { correlationId: ++correlationId, clientId: 'produce-test' },
    {
      transactionalId: null,
      acks: 1,
      timeoutMs: 1000,
      topics: [{ name: topic, partitions: [{ partitionIndex: 0, records }] }],
    },
  );
  const answer = await new Promise<Buffer>((resolve, reject) => {
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.length >= 4 + received.readInt32BE(0)) {
        socket.off('data', onData);
        resolve(received.subarray(4, 4 + received.readInt32BE(0)));
      }
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('connection closed')));
    socket.write(frame);
  });
  const { response } = decodeResponseFrame(Produce, 7, answer);
  return response.responses[0]!.partitions[0]!;
}

const good = (): Buffer =>
  encodeRecordBatch([
    { key: 'a', value: 'one' },
    { key: 'b', value: 'two' },
  ]);

describe('Produce error codes come from the log validator', () => {
  it('appends good batches and answers their base offsets', async () => {
    expect(await produce('t', good())).toMatchObject({ errorCode: 0, baseOffset: 0 });
    expect(await produce('t', Buffer.concat([good(), good()]))).toMatchObject({ errorCode: 0, baseOffset: 2 });
  });

  it.each([
    [
      'record offset deltas out of sequence: INVALID_RECORD (87)',
      87,
      (b: Buffer) => {
        // Record 1's offset delta: after record 0, and record 1's length, attributes and timestamp delta.
        b[BATCH_HEADER_SIZE + 1 + (b[BATCH_HEADER_SIZE]! >> 1) + 3] = 4;
        rewriteCrc(b, 0);
      },
    ],
    [
      'a control batch: INVALID_RECORD (87)',
      87,
      (b: Buffer) => {
        b.writeInt16BE(CONTROL_MASK, ATTRIBUTES_OFFSET);
        rewriteCrc(b, 0);
      },
    ],
    ['a CRC mismatch: CORRUPT_MESSAGE (2)', 2, (b: Buffer) => (b[b.length - 1]! ^= 0xff)],
    ['an old message format: UNSUPPORTED_VERSION (35)', 35, (b: Buffer) => b.writeInt8(1, MAGIC_OFFSET)],
  ])('refuses %s, storing nothing', async (_name, errorCode, edit) => {
    const before = broker.logs.getLog('t', 0).logEndOffset;
    const bad = good();
    edit(bad);
    expect(await produce('t', Buffer.concat([good(), bad]))).toMatchObject({ errorCode, baseOffset: -1 });
    expect(broker.logs.getLog('t', 0).logEndOffset).toBe(before);
  });

  it('refuses a cut batch and a missing record set with CORRUPT_MESSAGE (2)', async () => {
    const batch = good();
    expect(await produce('t', batch.subarray(0, batch.length - 1))).toMatchObject({ errorCode: 2 });
    expect(await produce('t', Buffer.alloc(0))).toMatchObject({ errorCode: 2 });
    expect(await produce('t', null)).toMatchObject({ errorCode: 2 });
  });

  it("refuses a batch over the topic's max.message.bytes with MESSAGE_TOO_LARGE (10)", async () => {
    const big = encodeRecordBatch([{ value: 'x'.repeat(100) }]);
    expect(await produce('small', big)).toMatchObject({ errorCode: 10, baseOffset: -1 });
    expect(broker.logs.getLog('small', 0).logEndOffset).toBe(0);
  });
});
