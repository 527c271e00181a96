import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createBroker } from './broker.js';

describe('createBroker', () => {
  it('fails at once, releasing everything, when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    await expect(createBroker({ inMemory: true, port, kafkaPort: 0, logLevel: 'silent' })).rejects.toThrow(
      /EADDRINUSE/,
    );
    blocker.close();
  });

  it('serves /health once ready and stops listening when closed', async () => {
    const broker = await createBroker({ inMemory: true, port: 0, kafkaPort: 0, logLevel: 'silent' });
    const health = await fetch(`${broker.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    await broker.close();
    await expect(fetch(`${broker.url}/health`)).rejects.toThrow();
  });
});
