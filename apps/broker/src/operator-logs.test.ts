/**
 * The log lines an operator reads: the access log at debug level, a line when a topic is
 * auto-created, and a line for each partition retention trims.
 */
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from './broker.js';
import { send } from './http/testing/serve-app.js';
import { recordingLogger } from './testing/recording-logger.js';

const dirs = new TempDirs();
let broker: Broker | undefined;
afterEach(async () => {
  await broker?.close();
  broker = undefined;
  await dirs.cleanup();
});

async function until<T>(find: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('the log line never came');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('operator log lines', () => {
  it('logs each request at debug (route, status, client; no body) and an auto-created topic at info', async () => {
    const { logger, lines } = recordingLogger('debug');
    broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logger });
    const secret = 'card 4111 1111 1111 1111';
    expect(
      (await send(`${broker.url}/v1/topics/payments/records`, 'POST', { records: [{ value: secret }] })).status,
    ).toBe(200);
    expect((await send(`${broker.url}/v1/topics/nope`)).status).toBe(404);

    const created = lines.find((line) => line.msg === 'topic auto-created');
    expect(created).toMatchObject({ level: 30, topic: 'payments', partitions: 1 });
    const requests = await until(() => {
      const found = lines.filter((line) => line.msg === 'http request');
      return found.length >= 2 ? found : undefined;
    });
    expect(requests[0]).toMatchObject({
      level: 20,
      method: 'POST',
      route: '/v1/topics/:topic/records',
      path: '/v1/topics/payments/records',
      status: 200,
      client: '127.0.0.1',
    });
    expect(requests[0]!.ms).toBeGreaterThanOrEqual(0);
    expect(requests[1]).toMatchObject({ method: 'GET', route: '/v1/topics/:topic', status: 404 });
    expect(JSON.stringify(lines)).not.toContain('4111');
  });

  it('logs no access lines at info', async () => {
    const { logger, lines } = recordingLogger('info');
    broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logger });
    await send(`${broker.url}/v1/topics`);
    expect(lines.filter((line) => line.msg === 'http request')).toEqual([]);
  });

  it('logs each partition retention trims, with the log start before and after, and each roll at debug', async () => {
    const { logger, lines } = recordingLogger('debug');
    broker = await createBroker({
      dataDir: await dirs.make(),
      port: 0,
      kafkaPort: -1,
      logger,
      retentionCheckIntervalMs: 50,
    });
    const { url } = broker;
    const topic = { name: 'short', partitions: 1, config: { segmentBytes: 1024, retentionBytes: 2048 } };
    expect((await send(`${url}/v1/topics`, 'POST', topic)).status).toBe(201);
    for (let i = 0; i < 10; i++) {
      const records = Array.from({ length: 5 }, () => ({ value: 'x'.repeat(100) }));
      expect((await send(`${url}/v1/topics/short/records`, 'POST', { records })).status).toBe(200);
    }
    const line = await until(() => lines.find((entry) => entry.msg === 'retention deleted old segments'));
    expect(line).toMatchObject({ level: 30, topic: 'short', partition: 0, previousLogStartOffset: 0 });
    expect(line.segments).toBeGreaterThanOrEqual(1);
    expect(line.logStartOffset).toBeGreaterThan(0);
    // Segments of 1 KiB, 2 KiB kept: what is left is about that (appends may land meanwhile).
    expect(line.sizeBytes).toBeGreaterThan(0);
    expect(line.sizeBytes).toBeLessThan(8 * 1024);
    const rolls = lines.filter((entry) => entry.msg === 'segment rolled');
    expect(rolls.length).toBeGreaterThanOrEqual(2);
    expect(rolls[0]).toMatchObject({ level: 20, topic: 'short', partition: 0 });
    expect(rolls[0]!.baseOffset).toBeGreaterThan(0);
    const described = await send(`${url}/v1/topics/short`);
    expect(described.body.partitionDetails[0].logStartOffset).toBeGreaterThanOrEqual(line.logStartOffset as number);
  });
});
