import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpCall } from './http-call.js';
import { HttpTransport } from './http-transport.js';

let server: Server;
let url: string;
const sockets = new Set<unknown>();

function handle(request: IncomingMessage, response: ServerResponse): void {
  sockets.add(request.socket);
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    if (request.url === '/never') return; // leaves the request unanswered
    const body = Buffer.concat(chunks);
    response.setHeader('content-type', 'application/octet-stream; x=1');
    response.setHeader('x-method', request.method ?? '');
    response.setHeader('x-type', request.headers['content-type'] ?? '');
    response.end(Buffer.concat([Buffer.from([body.length & 0xff]), body]));
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('nodeHttpCall', () => {
  it('sends bytes and reads the whole answer with its headers, over one kept-alive connection', async () => {
    const call = nodeHttpCall();
    sockets.clear();
    const body = Buffer.alloc(300_000, 7);
    for (let i = 0; i < 3; i++) {
      const answer = await call(`${url}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.kafka.record-batch' },
        body,
        signal: AbortSignal.timeout(5_000),
      });
      expect(answer.status).toBe(200);
      expect(answer.header('content-type')).toBe('application/octet-stream; x=1');
      expect(answer.header('x-type')).toBe('application/vnd.kafka.record-batch');
      expect(answer.header('x-missing')).toBeUndefined();
      expect(answer.body.length).toBe(body.length + 1);
      expect(answer.body.subarray(1).equals(body)).toBe(true);
    }
    expect(sockets.size).toBe(1);
  });

  it('rejects with the signal reason when aborted, and with the network error when the broker is not there', async () => {
    const call = nodeHttpCall();
    const timedOut = await call(`${url}/never`, { method: 'GET', headers: {}, signal: AbortSignal.timeout(50) }).catch(
      (error: unknown) => error,
    );
    expect((timedOut as Error).name).toBe('TimeoutError');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await call(`http://127.0.0.1:${port}/`, {
      method: 'GET',
      headers: {},
      signal: AbortSignal.timeout(5_000),
    }).catch((error: unknown) => error);
    expect((refused as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('makes a transport answer REQUEST_TIMED_OUT and BROKER_NOT_AVAILABLE', async () => {
    const transport = new HttpTransport({ url, requestTimeoutMs: 50, retry: { retries: 0 } });
    await expect(transport.request('GET', '/never')).rejects.toMatchObject({ type: 'REQUEST_TIMED_OUT' });
    const down = new HttpTransport({ url: 'http://127.0.0.1:1', retry: { retries: 0 } });
    await expect(down.request('GET', '/')).rejects.toMatchObject({ type: 'BROKER_NOT_AVAILABLE' });
  });
});
