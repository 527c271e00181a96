/**
 * Helpers for the client end-to-end tests: a real broker on a free port, a `fetch` that
 * counts (and can sabotage) the SDK's requests, and waiting for a condition.
 */
import { type Broker, type BrokerOptions, createBroker } from '@mini-kafka/broker';
import type { Consumer, ConsumerMessage, FetchFunction } from '@mini-kafka/client';

export async function startBroker(options: BrokerOptions = {}): Promise<Broker> {
  return createBroker({ inMemory: true, port: 0, kafkaPort: 0, logLevel: 'silent', ...options });
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number | undefined;
}

/** A fetch that records every request; `block(predicate)` makes matching requests (and answers still on their way) fail as if the network were down. */
export function recordingFetch() {
  const requests: RecordedRequest[] = [];
  let blocked: ((method: string, path: string) => boolean) | undefined;
  const fetch: FetchFunction = async (input, init) => {
    const url = new URL(input);
    const entry: RecordedRequest = { method: init.method ?? 'GET', path: url.pathname, status: undefined };
    requests.push(entry);
    if (blocked?.(entry.method, entry.path)) throw new TypeError('fetch failed (blocked by the test)');
    const response = await globalThis.fetch(input, init);
    entry.status = response.status;
    // An answer arriving after the network "went down" is lost too.
    if (blocked?.(entry.method, entry.path)) throw new TypeError('fetch failed (blocked by the test)');
    return response;
  };
  return {
    fetch,
    requests,
    count: (method: string, pathPattern: RegExp) =>
      requests.filter((request) => request.method === method && pathPattern.test(request.path)).length,
    block: (predicate: (method: string, path: string) => boolean) => {
      blocked = predicate;
    },
  };
}

/** Resolves once `check` returns a truthy value; fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const text = (message: ConsumerMessage): string => message.value?.toString('utf8') ?? '';

/** Polls `consumer` until it has handed out `count` messages; fails after `timeoutMs`. */
export async function pollUntil(consumer: Consumer, count: number, timeoutMs = 10_000): Promise<ConsumerMessage[]> {
  const messages: ConsumerMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  while (messages.length < count) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms with ${messages.length} of ${count} messages`);
    messages.push(...(await consumer.poll({ maxRecords: count - messages.length, waitMs: 500 })));
  }
  return messages;
}
