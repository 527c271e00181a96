/**
 * A small HTTP client on node:http for the load generators: keep-alive connections, the
 * answer's status and body bytes (or only its length), no retries. Lighter than `fetch`
 * (undici), so the client takes less of the machine's two cores from the server under test.
 */
import { Agent, request } from 'node:http';

export interface Answer {
  status: number;
  body: Buffer;
}

export class HttpClient {
  readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, connections = 8) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  /** Sends a request; resolves with the status and the whole body. */
  send(method: string, path: string, body?: string | Buffer): Promise<Answer> {
    return this.exchange(method, path, body, true).then(({ status, body: bytes }) => ({ status, body: bytes! }));
  }

  /** Sends a request and reads the answer without keeping it; resolves with status and byte count. */
  drain(method: string, path: string, body?: string | Buffer): Promise<{ status: number; bytes: number }> {
    return this.exchange(method, path, body, false).then(({ status, bytes }) => ({ status, bytes }));
  }

  /** GET, JSON-decoded; throws on any status but 2xx. */
  async getJson<T>(path: string): Promise<T> {
    return this.json<T>('GET', path);
  }

  /** A JSON request whose answer must be 2xx; resolves with the decoded answer (undefined for none). */
  async json<T>(method: string, path: string, value?: unknown): Promise<T> {
    const answer = await this.send(method, path, value === undefined ? undefined : JSON.stringify(value));
    if (answer.status < 200 || answer.status >= 300) {
      throw new Error(`${method} ${path}: ${answer.status} ${answer.body.toString('utf8').slice(0, 300)}`);
    }
    return (answer.body.length === 0 ? undefined : JSON.parse(answer.body.toString('utf8'))) as T;
  }

  close(): void {
    this.agent.destroy();
  }

  private exchange(
    method: string,
    path: string,
    body: string | Buffer | undefined,
    keep: boolean,
  ): Promise<{ status: number; body?: Buffer; bytes: number }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = {};
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = request({ agent: this.agent, host: this.host, port: this.port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (keep) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: keep ? Buffer.concat(chunks, bytes) : undefined, bytes }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}
