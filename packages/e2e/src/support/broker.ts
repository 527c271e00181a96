/** Test helpers: real brokers on 127.0.0.1 port 0, temporary data directories, JSON over fetch. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Broker, type BrokerOptions, createBroker } from '@mini-kafka/broker';

export class Brokers {
  private readonly started: Broker[] = [];
  private readonly dirs: string[] = [];

  async dataDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'mini-kafka-e2e-'));
    this.dirs.push(dir);
    return dir;
  }

  async start(options: BrokerOptions = {}): Promise<Broker> {
    const broker = await createBroker({ inMemory: true, port: 0, kafkaPort: 0, logLevel: 'silent', ...options });
    this.started.push(broker);
    return broker;
  }

  async cleanup(): Promise<void> {
    for (const broker of this.started.splice(0)) await broker.close();
    for (const dir of this.dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  }
}

// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely; their assertions check the shape.
export interface JsonResponse<T = any> {
  status: number;
  body: T;
}

// biome-ignore lint/suspicious/noExplicitAny: as above.
export async function call<T = any>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  init: RequestInit = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
  const text = await response.text();
  return { status: response.status, body: text.length > 0 ? (JSON.parse(text) as T) : (undefined as T) };
}
