// A Fetch answer larger than a socket's buffers, over a real connection: it arrives as the
// stored bytes exactly (written as many chunks in one gathered write), and its share of the
// fetch memory budget is held until the socket has taken the answer, then given back.
import { connect, type Socket } from 'node:net';
import { decodeResponseFrame, encodeRequestFrame, Fetch } from '@mini-kafka/kafka-protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FetchMemory } from '../services/fetch-memory.js';
import { kafkaHandlers } from './kafka-handlers.js';
import { type KafkaListener, startKafkaListener } from './kafka-listener.js';
import { handlerContext, type TestHandlerContext } from './testing/handler-context.js';

const MIB = 1024 * 1024;
/** Larger than loopback's socket buffers together (a few MiB each way), so the answer waits on the reader. */
const ANSWER_BYTES = 16 * MIB;

let ctx: TestHandlerContext;
let listener: KafkaListener;
let budget: FetchMemory;
const sockets: Socket[] = [];

beforeEach(async () => {
  ctx = await handlerContext({ onDisk: true, config: { flush: 'never', fetchMaxBytes: ANSWER_BYTES } });
  budget = new FetchMemory({ limitBytes: 64 * MIB, maxWaitMs: 1000 });
  ctx.fetchMemory = budget;
  await ctx.logs.createTopic('t', { partitions: 1 });
  const log = ctx.logs.getLog('t', 0);
  const value = 'v'.repeat(1000);
  // ~100 KB batches, ~20 MB in all: more than one answer holds.
  for (let i = 0; i < 200; i++) await log.append(Array.from({ length: 100 }, () => ({ value })));
  listener = await startKafkaListener(
    '127.0.0.1',
    0,
    async () => kafkaHandlers(),
    () => ctx,
    {
      maxFrameBytes: MIB,
      connectionsMaxIdleMs: -1,
      requestReadTimeoutMs: -1,
    },
  );
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await listener.stop();
  await ctx.close();
});

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(listener.port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
    sockets.push(socket);
  });
}

/** Reads one whole response frame (without its size prefix) from `socket`. */
function readFrame(socket: Socket): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let frame = -1;
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      size += chunk.length;
      if (frame < 0 && size >= 4) frame = Buffer.concat(chunks, size).readInt32BE(0);
      if (frame < 0 || size < 4 + frame) return;
      socket.off('data', onData);
      resolve(Buffer.concat(chunks, size).subarray(4, 4 + frame));
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('the connection closed')));
    socket.resume();
  });
}

const fetchFrame = (correlationId: number) =>
  encodeRequestFrame(
    Fetch,
    11,
    { correlationId, clientId: 'writes-test' },
    {
      maxWaitMs: 0,
      minBytes: 1,
      maxBytes: 50 * MIB,
      topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 50 * MIB }] }],
    },
  );

describe('a Fetch answer larger than the socket buffers', () => {
  it('arrives as the stored bytes, its budget held until the client has read it', async () => {
    const stored = Buffer.concat((await ctx.logs.getLog('t', 0).readRaw(0, { maxBytes: ANSWER_BYTES })).chunks);
    const socket = await open();
    socket.pause(); // the client reads nothing yet
    socket.write(fetchFrame(1));
    // The read is done and the answer written, but the socket cannot take it all: the lease stays.
    await vi.waitFor(() => expect(budget.heldBytes).toBe(stored.length), { timeout: 10_000 });
    const frame = await readFrame(socket);
    const { correlationId, response } = decodeResponseFrame(Fetch, 11, frame);
    expect(correlationId).toBe(1);
    const records = response.responses[0]?.partitions[0]?.records ?? Buffer.alloc(0);
    expect(records.length).toBe(stored.length);
    expect(records.equals(stored)).toBe(true);
    await vi.waitFor(() => expect(budget.heldBytes).toBe(0), { timeout: 10_000 });
  });

  it('gives the budget back when the client goes away before reading the answer', async () => {
    const socket = await open();
    socket.pause();
    socket.write(fetchFrame(1));
    await vi.waitFor(() => expect(budget.heldBytes).toBeGreaterThan(0), { timeout: 10_000 });
    socket.destroy();
    await vi.waitFor(() => expect(budget.heldBytes).toBe(0), { timeout: 10_000 });
  });
});
