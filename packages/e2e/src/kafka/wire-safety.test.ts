/**
 * Hostile bytes on the Kafka port: garbage, a 2 GB size prefix, truncated frames, unknown
 * APIs. Each closes only its own connection; the broker and other connections stay healthy.
 */
import { ApiVersions, decodeResponseFrame, encodeRequestFrame, Metadata, Produce } from '@mini-kafka/kafka-protocol';
import { encodeRecordBatch } from '@mini-kafka/storage';
import { afterEach, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { call } from '../support/json-call.js';
import { closed, openKafkaSocket, roundTrip } from '../support/raw-kafka.js';

const brokers = new Brokers();
afterEach(() => brokers.cleanup());

async function healthy(port: number): Promise<void> {
  const socket = await openKafkaSocket(port);
  const frame = encodeRequestFrame(
    ApiVersions,
    2,
    { correlationId: 7, clientId: 'probe' },
    { clientSoftwareName: '', clientSoftwareVersion: '' },
  );
  const { correlationId, response } = decodeResponseFrame(ApiVersions, 2, await roundTrip(socket, frame));
  expect(correlationId).toBe(7);
  expect(response.errorCode).toBe(0);
  socket.destroy();
}

describe('the Kafka port under hostile input', () => {
  it('closes a connection that sends garbage, a 2 GB size prefix, or a frame cut short', async () => {
    const { kafkaPort } = await brokers.start();
    const bystander = await openKafkaSocket(kafkaPort);

    const garbage = await openKafkaSocket(kafkaPort);
    garbage.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    await closed(garbage);

    const huge = await openKafkaSocket(kafkaPort);
    const prefix = Buffer.alloc(4);
    prefix.writeInt32BE(0x7fffffff);
    huge.write(prefix);
    await closed(huge);

    const negative = await openKafkaSocket(kafkaPort);
    negative.write(Buffer.from([0xff, 0xff, 0xff, 0xfe, 1, 2, 3]));
    await closed(negative);

    const truncated = await openKafkaSocket(kafkaPort);
    const frame = encodeRequestFrame(
      ApiVersions,
      2,
      { correlationId: 1, clientId: 'x' },
      { clientSoftwareName: '', clientSoftwareVersion: '' },
    );
    truncated.write(frame.subarray(0, frame.length - 3));
    truncated.end();
    await closed(truncated);

    // A well-framed request whose header lies about its length.
    const lying = await openKafkaSocket(kafkaPort);
    lying.write(Buffer.from([0, 0, 0, 3, 0, 18, 0]));
    await closed(lying);

    await healthy(kafkaPort);
    expect(bystander.destroyed).toBe(false);
    bystander.destroy();
  });

  it('answers an ApiVersions version it does not serve with error 35 and the supported list', async () => {
    const { kafkaPort } = await brokers.start();
    const socket = await openKafkaSocket(kafkaPort);
    // ApiVersions v9 as a future client would send it: request header v2 (tagged fields), flexible body.
    const clientId = Buffer.from('future');
    const payload = Buffer.concat([
      Buffer.from([0, 18, 0, 9, 0, 0, 0, 3, 0, clientId.length]),
      clientId,
      Buffer.from([0, 1, 1, 0]),
    ]);
    const frame = Buffer.concat([Buffer.alloc(4), payload]);
    frame.writeInt32BE(payload.length, 0);
    const { response } = decodeResponseFrame(ApiVersions, 0, await roundTrip(socket, frame));
    expect(response.errorCode).toBe(35);
    expect(response.apiKeys).toContainEqual({ apiKey: 18, minVersion: 0, maxVersion: 3 });
    expect(response.apiKeys).toContainEqual({ apiKey: 0, minVersion: 0, maxVersion: 9 });
    socket.destroy();
  });

  it('closes a connection asking for an API it does not serve, and stays up', async () => {
    const { kafkaPort } = await brokers.start();
    const socket = await openKafkaSocket(kafkaPort);
    const frame = encodeRequestFrame(
      ApiVersions,
      2,
      { correlationId: 3, clientId: 'x' },
      { clientSoftwareName: '', clientSoftwareVersion: '' },
    );
    frame.writeInt16BE(22, 4); // InitProducerId
    socket.write(frame);
    await closed(socket);
    await healthy(kafkaPort);
  });

  it('answers nothing to acks=0 and answers the next request in order', async () => {
    const broker = await brokers.start();
    const socket = await openKafkaSocket(broker.kafkaPort);
    const batch = encodeRecordBatch([{ key: 'k', value: 'fire and forget' }]);
    const produce = encodeRequestFrame(
      Produce,
      7,
      { correlationId: 10, clientId: 'raw' },
      {
        transactionalId: null,
        acks: 0,
        timeoutMs: 1000,
        topics: [{ name: 'quiet', partitions: [{ partitionIndex: 0, records: batch }] }],
      },
    );
    await call(broker.url, 'POST', '/v1/topics', { name: 'quiet' });
    const metadata = encodeRequestFrame(
      Metadata,
      4,
      { correlationId: 11, clientId: 'raw' },
      { topics: [{ name: 'quiet' }], allowAutoTopicCreation: false },
    );
    const answer = await roundTrip(socket, Buffer.concat([produce, metadata]));
    expect(decodeResponseFrame(Metadata, 4, answer).correlationId).toBe(11);
    const stored = await call(broker.url, 'GET', '/v1/topics/quiet/partitions/0/records?offset=0');
    expect(stored.body.records.map((r: { value: string }) => r.value)).toEqual(['fire and forget']);
    socket.destroy();
  });

  it('refuses an old-format message set with a per-partition error, storing nothing', async () => {
    const broker = await brokers.start();
    await call(broker.url, 'POST', '/v1/topics', { name: 'old' });
    const socket = await openKafkaSocket(broker.kafkaPort);
    const legacy = Buffer.from(encodeRecordBatch([{ value: 'x' }]));
    legacy[16] = 1; // magic 1: a MessageSet v1 header where a RecordBatch v2 belongs
    const produce = encodeRequestFrame(
      Produce,
      2,
      { correlationId: 5, clientId: 'old' },
      {
        transactionalId: null,
        acks: 1,
        timeoutMs: 1000,
        topics: [{ name: 'old', partitions: [{ partitionIndex: 0, records: legacy }] }],
      },
    );
    const { response } = decodeResponseFrame(Produce, 2, await roundTrip(socket, produce));
    expect(response.responses[0]!.partitions[0]!.errorCode).toBe(35);
    expect((await call(broker.url, 'GET', '/v1/topics/old')).body.partitionDetails[0].logEndOffset).toBe(0);
    socket.destroy();
  });
});
