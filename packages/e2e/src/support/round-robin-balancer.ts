/**
 * An HTTP load balancer on 127.0.0.1 (port 0) in front of several gateways, as a deployment
 * puts one in front of `serve --backend kafka` processes: each request goes to the next
 * upstream in turn; an upstream that refuses the connection is passed over (what a
 * balancer's health check does, at once) and the request goes to the next one. Bodies are
 * streamed both ways; nothing is rewritten. `sent` counts the requests each upstream got.
 */
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinBalancer {
  url: string;
  /** Requests forwarded to each upstream, by its URL. */
  sent: Map<string, number>;
  close(): Promise<void>;
}

export async function startRoundRobinBalancer(upstreams: readonly string[]): Promise<RoundRobinBalancer> {
  let next = 0;
  const sent = new Map(upstreams.map((url) => [url, 0]));

  const forward = (incoming: IncomingMessage, body: Buffer, answer: ServerResponse, tries: number): void => {
    const upstream = upstreams[next++ % upstreams.length]!;
    const target = new URL(incoming.url ?? '/', upstream);
    const outgoing = request(
      target,
      { method: incoming.method, headers: { ...incoming.headers, host: target.host } },
      (upstreamAnswer) => {
        answer.writeHead(upstreamAnswer.statusCode ?? 502, upstreamAnswer.headers);
        upstreamAnswer.pipe(answer);
      },
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && tries + 1 < upstreams.length) {
        forward(incoming, body, answer, tries + 1);
        return;
      }
      if (!answer.headersSent) answer.writeHead(502, { 'content-type': 'application/json' });
      answer.end(JSON.stringify({ error: { code: -1, name: 'BROKER_NOT_AVAILABLE', message: 'no upstream' } }));
    });
    sent.set(upstream, (sent.get(upstream) ?? 0) + 1);
    outgoing.end(body);
  };

  const server: Server = createServer((incoming, answer) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => forward(incoming, Buffer.concat(chunks), answer, 0));
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
