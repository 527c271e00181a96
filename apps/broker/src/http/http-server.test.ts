import { describe, expect, it } from 'vitest';
import type { BrokerState } from './app-context.js';
import { startHttpServer } from './http-server.js';

describe('startHttpServer', () => {
  it('answers 503 until a handler is installed, then serves through it', async () => {
    let state: BrokerState = 'starting';
    const http = await startHttpServer('127.0.0.1', 0, () => state);
    const health = await fetch(`${http.url}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'starting' });
    const v1 = await fetch(`${http.url}/v1/topics`);
    expect(v1.status).toBe(503);
    expect(await v1.json()).toEqual({
      error: { code: 8, name: 'BROKER_NOT_AVAILABLE', message: 'The broker is starting' },
    });
    const tutorial = await fetch(`${http.url}/topics/t/messages?consumer_id=c`);
    expect(tutorial.status).toBe(503);
    expect(await tutorial.json()).toEqual({ detail: 'The broker is starting' });
    const elsewhere = await fetch(`${http.url}/anything`, { method: 'POST' });
    expect(elsewhere.status).toBe(503);
    expect(await elsewhere.json()).toEqual({ detail: 'The broker is starting' });

    http.setHandler(() => new Response('ready'));
    expect(await (await fetch(`${http.url}/anything`)).text()).toBe('ready');
    state = 'ready';
    const ready = await fetch(`${http.url}/health?probe=1`);
    expect([ready.status, ready.headers.get('content-type'), await ready.json()]).toEqual([
      200,
      'application/json',
      { status: 'ok' },
    ]);
    expect((await fetch(`${http.url}/health`, { method: 'HEAD' })).status).toBe(200);
    state = 'stopping';
    expect(await (await fetch(`${http.url}/health`)).json()).toEqual({ status: 'stopping' });
    // Any other method is the app's.
    expect(await (await fetch(`${http.url}/health`, { method: 'POST' })).text()).toBe('ready');
    await http.stop();
  });
});
