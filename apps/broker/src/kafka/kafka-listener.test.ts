import { ApiVersions, decodeResponseFrame, encodeRequestFrame } from '@mini-kafka/kafka-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandlerRegistry } from './handler-registry.js';
import { kafkaHandlers } from './kafka-handlers.js';
import { type KafkaListener, startKafkaListener } from './kafka-listener.js';
import { handlerContext, type TestHandlerContext } from './testing/handler-context.js';
import { WireClient } from './testing/wire-client.js';

const LIMITS = { maxFrameBytes: 1 << 20, connectionsMaxIdleMs: -1, requestReadTimeoutMs: -1 };

const apiVersions = (correlationId: number): Buffer =>
  encodeRequestFrame(
    ApiVersions,
    2,
    { correlationId, clientId: 'listener-test' },
    { clientSoftwareName: 'listener-test', clientSoftwareVersion: '1' },
  );

let ctx: TestHandlerContext | undefined;
let listener: KafkaListener | undefined;
afterEach(async () => {
  await listener?.stop();
  await ctx?.close();
  listener = undefined;
  ctx = undefined;
});

/** A listener whose handlers load only when `release` is called, counting the loads asked for. */
async function heldListener(): Promise<{ release: () => void; loads: () => number }> {
  ctx = await handlerContext();
  const context = ctx;
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let loads = 0;
  listener = await startKafkaListener(
    '127.0.0.1',
    0,
    async (): Promise<HandlerRegistry> => {
      loads++;
      await held;
      return kafkaHandlers();
    },
    () => context,
    LIMITS,
  );
  return { release, loads: () => loads };
}

describe('the Kafka listener loads its handlers on the first connection', () => {
  it('keeps the requests of connections that came while loading, and answers them once loaded, loading once', async () => {
    const { release, loads } = await heldListener();
    const port = listener!.port;
    const [a, b] = [await WireClient.connect(port), await WireClient.connect(port)];
    a.send(apiVersions(1));
    b.send(apiVersions(2), apiVersions(3));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(a.unread + b.unread).toBe(0);
    release();
    expect(decodeResponseFrame(ApiVersions, 2, await a.next()).response.errorCode).toBe(0);
    const answers = [await b.next(), await b.next()].map((frame) => decodeResponseFrame(ApiVersions, 2, frame));
    expect(answers.map(({ correlationId }) => correlationId)).toEqual([2, 3]);
    const c = await WireClient.connect(port);
    c.send(apiVersions(4));
    expect(decodeResponseFrame(ApiVersions, 2, await c.next()).correlationId).toBe(4);
    expect(loads()).toBe(1);
    for (const client of [a, b, c]) client.close();
  });

  it('survives a connection that goes away while loading, and closes waiting ones when stopped', async () => {
    const { release } = await heldListener();
    const gone = await WireClient.connect(listener!.port);
    gone.send(apiVersions(1));
    gone.close();
    const waiting = await WireClient.connect(listener!.port);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await listener!.stop();
    listener = undefined;
    await waiting.closed;
    release();
  });
});
