import {
  ApiVersions,
  decodeResponseFrame,
  encodeRequestFrame,
  Fetch,
  Metadata,
  Produce,
} from '@mini-kafka/kafka-protocol';
import { decodeRecordBatches, encodeRecordBatch } from '@mini-kafka/storage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../testing/recording-logger.js';
import { kafkaHandlers } from './kafka-handlers.js';
import { type KafkaListener, startKafkaListener } from './kafka-listener.js';
import { handlerContext, type TestHandlerContext } from './testing/handler-context.js';
import { WireClient } from './testing/wire-client.js';

const MAX_FRAME = 1024;

let ctx: TestHandlerContext;
let listener: KafkaListener;
let logLines: Record<string, unknown>[];
const clients: WireClient[] = [];

beforeEach(async () => {
  const { logger, lines } = recordingLogger('warn');
  logLines = lines;
  ctx = await handlerContext({ config: { maxRequestBytes: MAX_FRAME }, logger });
  await ctx.logs.createTopic('t', { partitions: 1 });
  listener = await startKafkaListener(
    '127.0.0.1',
    0,
    async () => kafkaHandlers(),
    () => ctx,
    {
      maxFrameBytes: MAX_FRAME,
      connectionsMaxIdleMs: -1,
      requestReadTimeoutMs: -1,
    },
  );
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await listener.stop();
  await ctx.close();
});

async function connect(): Promise<WireClient> {
  const client = await WireClient.connect(listener.port);
  clients.push(client);
  return client;
}

const header = (correlationId: number) => ({ correlationId, clientId: 'wire-test' });

const apiVersions = (correlationId: number, version = 2) =>
  encodeRequestFrame(ApiVersions, version, header(correlationId), {
    clientSoftwareName: 'wire-test',
    clientSoftwareVersion: '1',
  });

const metadata = (correlationId: number) =>
  encodeRequestFrame(Metadata, 4, header(correlationId), { topics: [{ name: 't' }], allowAutoTopicCreation: false });

const produce = (correlationId: number, acks: number, value: string, version = 7) =>
  encodeRequestFrame(Produce, version, header(correlationId), {
    transactionalId: null,
    acks,
    timeoutMs: 5_000,
    topics: [{ name: 't', partitions: [{ partitionIndex: 0, records: encodeRecordBatch([{ value }]) }] }],
  });

const longPoll = (correlationId: number, fetchOffset: number): Buffer => {
  const request = {
    maxWaitMs: 120_000,
    minBytes: 1,
    maxBytes: 1024 * 1024,
    topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset, partitionMaxBytes: 1 << 20 }] }],
  };
  return encodeRequestFrame(Fetch, 11, header(correlationId), request);
};

/** A frame with its API key and version rewritten (bytes 4..7, after the size prefix). */
function relabel(frame: Buffer, apiKey: number, version: number): Buffer {
  const copy = Buffer.from(frame);
  copy.writeInt16BE(apiKey, 4);
  copy.writeInt16BE(version, 6);
  return copy;
}

const correlationOf = (frame: Buffer): number => frame.readInt32BE(0);

describe('a Kafka connection', () => {
  it('answers pipelined requests in the order they came, a long poll woken later included', async () => {
    const client = await connect();
    client.send(longPoll(1, 0), apiVersions(2), metadata(3));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await ctx.logs.getLog('t', 0).append([{ value: 'late' }]);
    const answers = [await client.next(), await client.next(), await client.next()];
    expect(answers.map(correlationOf)).toEqual([1, 2, 3]);
    const fetched = decodeResponseFrame(Fetch, 11, answers[0]!).response;
    const records = decodeRecordBatches(fetched.responses[0]!.partitions[0]!.records!);
    expect(records.map((r) => r.value?.toString())).toEqual(['late']);
    expect(decodeResponseFrame(ApiVersions, 2, answers[1]!).response.errorCode).toBe(0);
    expect(decodeResponseFrame(Metadata, 4, answers[2]!).response.topics.map((t) => t.name)).toEqual(['t']);
  });

  it('answers nothing to a produce with acks = 0, and answers the next request', async () => {
    const client = await connect();
    client.send(produce(1, 0, 'fire and forget'), apiVersions(2), produce(3, 1, 'acknowledged'));
    const [first, second] = [await client.next(), await client.next()];
    expect([correlationOf(first), correlationOf(second)]).toEqual([2, 3]);
    const acked = decodeResponseFrame(Produce, 7, second).response.responses[0]!.partitions[0]!;
    expect(acked).toMatchObject({ errorCode: 0, baseOffset: 1 });
    const stored = await ctx.logs.getLog('t', 0).read(0);
    expect(stored.records.map((r) => r.value?.toString())).toEqual(['fire and forget', 'acknowledged']);
  });

  it('answers an ApiVersions version it does not serve with UNSUPPORTED_VERSION and its list, in v0', async () => {
    const client = await connect();
    client.send(relabel(apiVersions(5, 3), ApiVersions.apiKey, 4));
    const answer = await client.next();
    expect(correlationOf(answer)).toBe(5);
    const { response } = decodeResponseFrame(ApiVersions, 0, answer);
    expect(response.errorCode).toBe(35);
    expect(response.apiKeys).toEqual(kafkaHandlers().apiVersions());

    // Even one whose header does not decode; and the connection carries on.
    const unreadable = Buffer.alloc(14);
    unreadable.writeInt32BE(10, 0);
    unreadable.writeInt16BE(ApiVersions.apiKey, 4);
    unreadable.writeInt16BE(99, 6);
    unreadable.writeInt32BE(6, 8);
    unreadable.writeInt16BE(500, 12); // a client id said to be 500 bytes long
    client.send(unreadable, apiVersions(7));
    const [unsupported, served] = [await client.next(), await client.next()];
    expect(correlationOf(unsupported)).toBe(6);
    expect(decodeResponseFrame(ApiVersions, 0, unsupported).response.errorCode).toBe(35);
    expect(correlationOf(served)).toBe(7);
    expect(decodeResponseFrame(ApiVersions, 2, served).response.errorCode).toBe(0);
  });

  it('closes the connection, answering nothing, for another API at a version it does not serve', async () => {
    const client = await connect();
    // v9 is flexible like v10, so the relabelled header still decodes.
    client.send(relabel(produce(1, 1, 'x', 9), Produce.apiKey, 10));
    await client.closed;
    expect(client.unread).toBe(0);
    expect(logLines).toMatchObject([{ msg: 'kafka connection closed', reason: 'unsupported API 0 v10' }]);
    expect((await ctx.logs.getLog('t', 0).read(0)).records).toEqual([]);
  });

  it('closes the connection for an API it does not serve at all', async () => {
    const client = await connect();
    client.send(relabel(apiVersions(1), 999, 0));
    await client.closed;
    expect(client.unread).toBe(0);
    expect(logLines.map((line) => line.reason)).toEqual(['unsupported API 999 v0']);
  });

  it('closes the connection for a frame over the limit or a negative size, and serves the others', async () => {
    const bystander = await connect();
    for (const size of [MAX_FRAME + 1, -1]) {
      const client = await connect();
      const prefix = Buffer.alloc(4);
      prefix.writeInt32BE(size, 0);
      client.send(prefix);
      await client.closed;
      expect(client.unread).toBe(0);
    }
    expect(logLines.map((line) => line.reason)).toEqual([
      `frame size ${MAX_FRAME + 1} outside 0..${MAX_FRAME}`,
      `frame size -1 outside 0..${MAX_FRAME}`,
    ]);
    bystander.send(apiVersions(9));
    expect(correlationOf(await bystander.next())).toBe(9);
  });

  it('closes the connection for a request body that does not decode', async () => {
    const client = await connect();
    const whole = metadata(1);
    const truncated = whole.subarray(0, whole.length - 3);
    truncated.writeInt32BE(truncated.length - 4, 0);
    client.send(truncated);
    await client.closed;
    expect(client.unread).toBe(0);
    expect(logLines.map((line) => line.reason)).toEqual(['Metadata v4 request does not decode']);
  });
});

describe('time limits', () => {
  const LIMIT_MS = 200;

  /** A listener with short limits, in place of the one beforeEach started. */
  async function limited(): Promise<void> {
    await listener.stop();
    listener = await startKafkaListener(
      '127.0.0.1',
      0,
      async () => kafkaHandlers(),
      () => ctx,
      {
        maxFrameBytes: MAX_FRAME,
        connectionsMaxIdleMs: LIMIT_MS,
        requestReadTimeoutMs: LIMIT_MS,
      },
    );
  }

  it('closes a connection idle for the idle limit, quietly', async () => {
    await limited();
    const client = await connect();
    client.send(apiVersions(1));
    await client.next();
    await client.closed;
    expect(logLines).toEqual([]);
  });

  it('keeps a connection whose request takes longer than the idle limit, and answers it', async () => {
    await limited();
    const client = await connect();
    client.send(longPoll(1, 0));
    await new Promise((resolve) => setTimeout(resolve, 3 * LIMIT_MS));
    await ctx.logs.getLog('t', 0).append([{ value: Buffer.from('late') }]);
    const answer = decodeResponseFrame(Fetch, 11, await client.next()).response;
    expect(answer.responses[0]?.partitions[0]?.highWatermark).toBe(1);
  });

  it('closes a connection whose request does not arrive whole in time, even if bytes keep coming', async () => {
    await limited();
    const client = await connect();
    const frame = metadata(1);
    let sent = 0;
    const dribble = setInterval(() => {
      if (sent < frame.length - 1) client.send(frame.subarray(sent, ++sent));
    }, LIMIT_MS / 8);
    try {
      await client.closed;
    } finally {
      clearInterval(dribble);
    }
    expect(sent).toBeLessThan(frame.length - 1);
    expect(logLines).toMatchObject([
      { msg: 'kafka connection closed', reason: `request not received whole within ${LIMIT_MS} ms` },
    ]);
  });
});
