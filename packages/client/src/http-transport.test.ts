import { MiniKafkaError } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import { errorFromResponse, type FetchFunction, HttpTransport, route } from './http-transport.js';

interface Call {
  url: string;
  init: RequestInit;
}

function transport(answers: Array<Response | Error>, options: { requestTimeoutMs?: number } = {}) {
  const calls: Call[] = [];
  const waits: number[] = [];
  const fetch: FetchFunction = async (url, init) => {
    calls.push({ url, init });
    const answer = answers.shift() ?? new Response('{}', { status: 200 });
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const http = new HttpTransport({
    url: 'http://broker:9092/',
    fetch,
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
    ...options,
  });
  return { http, calls, waits };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const errorBody = (status: number, name: string, message = name, details?: object) =>
  json(status, { error: { code: 0, name, message, ...(details && { details }) } });

describe('route', () => {
  it('URL-encodes every interpolated value', () => {
    expect(route`/v1/topics/${'a b/c'}/partitions/${3}`).toBe('/v1/topics/a%20b%2Fc/partitions/3');
  });
});

describe('HttpTransport', () => {
  it('sends JSON, adds the query and parses the answer', async () => {
    const { http, calls } = transport([json(200, { ok: true })]);
    const answer = await http.request('POST', '/v1/topics', { body: { name: 't' }, query: { a: 1, b: undefined } });
    expect(answer).toEqual({ ok: true });
    expect(calls[0]!.url).toBe('http://broker:9092/v1/topics?a=1');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.body).toBe('{"name":"t"}');
    expect((calls[0]!.init.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('answers undefined for an empty body (204)', async () => {
    const { http } = transport([new Response(null, { status: 204 })]);
    await expect(http.request('DELETE', '/v1/topics/t')).resolves.toBeUndefined();
  });

  it('maps error bodies to MiniKafkaError by name, with details', async () => {
    const { http, calls } = transport([
      errorBody(409, 'TOPIC_ALREADY_EXISTS', 'Topic "t" already exists', { topic: 't' }),
    ]);
    const error = await http.request('POST', '/v1/topics', { body: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MiniKafkaError);
    expect(error).toMatchObject({
      type: 'TOPIC_ALREADY_EXISTS',
      retriable: false,
      message: 'Topic "t" already exists',
    });
    expect((error as MiniKafkaError).details).toMatchObject({ topic: 't', status: 409 });
    expect(calls).toHaveLength(1);
  });

  it('retries 503 answers with backoff, then succeeds', async () => {
    const { http, calls, waits } = transport([
      errorBody(503, 'COORDINATOR_LOAD_IN_PROGRESS'),
      new Response('Service Unavailable', { status: 503 }),
      json(200, { done: 1 }),
    ]);
    await expect(http.request('GET', '/v1/groups')).resolves.toEqual({ done: 1 });
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([300, 600]);
  });

  it('never retries a 4xx answer, even of an error Kafka calls retriable', async () => {
    const { http, calls } = transport([errorBody(404, 'UNKNOWN_TOPIC_OR_PARTITION')]);
    await expect(http.request('GET', '/v1/topics/nope')).rejects.toMatchObject({ type: 'UNKNOWN_TOPIC_OR_PARTITION' });
    expect(calls).toHaveLength(1);
  });

  it('turns network failures into BROKER_NOT_AVAILABLE and retries them', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    let calls = 0;
    const failing = new HttpTransport({
      url: 'http://broker:9092',
      fetch: async () => {
        calls++;
        throw refused;
      },
      retry: { retries: 2 },
      sleep: async () => undefined,
    });
    const error = await failing.request('GET', '/health').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ type: 'BROKER_NOT_AVAILABLE', retriable: true });
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(calls).toBe(3);
  });

  it('times a request out as REQUEST_TIMED_OUT', async () => {
    const hanging = new HttpTransport({
      url: 'http://broker:9092',
      requestTimeoutMs: 20,
      retry: { retries: 0 },
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason))),
    });
    await expect(hanging.request('GET', '/health')).rejects.toMatchObject({
      type: 'REQUEST_TIMED_OUT',
      details: { limit: 20 },
    });
  });

  it('reports a cancelled request without retrying it', async () => {
    const controller = new AbortController();
    let calls = 0;
    const http = new HttpTransport({
      url: 'http://broker:9092',
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => {
          calls++;
          init.signal!.addEventListener('abort', () => reject(init.signal!.reason));
          controller.abort();
        }),
    });
    await expect(http.request('GET', '/x', { signal: controller.signal })).rejects.toMatchObject({
      type: 'REQUEST_TIMED_OUT',
      details: { cancelled: true },
    });
    expect(calls).toBe(1);
  });
});

describe('errorFromResponse', () => {
  it('falls back to the numeric code, then to the status', () => {
    expect(errorFromResponse(409, JSON.stringify({ error: { code: 22, name: 'NOPE', message: 'm' } }), 'x').type).toBe(
      'ILLEGAL_GENERATION',
    );
    expect(errorFromResponse(413, 'too big', 'x').type).toBe('MESSAGE_TOO_LARGE');
    expect(errorFromResponse(502, '', 'x').type).toBe('BROKER_NOT_AVAILABLE');
    expect(errorFromResponse(404, '<html>', 'x').type).toBe('INVALID_REQUEST');
    expect(errorFromResponse(500, '', 'x').type).toBe('UNKNOWN_SERVER_ERROR');
  });
});

describe('HttpTransport options', () => {
  it('refuses a url that is not http(s) with INVALID_CONFIG', () => {
    for (const url of ['', 'localhost:8000', 'ftp://x', undefined]) {
      expect(() => new HttpTransport({ url: url as string })).toThrow(
        expect.objectContaining({ type: 'INVALID_CONFIG' }),
      );
    }
    expect(new HttpTransport({ url: 'https://broker:1//' }).url).toBe('https://broker:1');
  });
});

describe('HttpTransport.at', () => {
  it('sends to the other base URL with the same token and retries', async () => {
    const calls: string[] = [];
    const headers: Array<Record<string, string>> = [];
    const fetch: FetchFunction = async (url, init) => {
      calls.push(url);
      headers.push(init.headers as Record<string, string>);
      return json(200, {});
    };
    const http = new HttpTransport({ url: 'http://lb:8000', fetch, token: 'secret-token', retry: { retries: 2 } });
    const gateway = http.at('http://gateway-2:8000/');
    await gateway.request('POST', '/v1/groups/g/members/m/heartbeat', { body: { generationId: 1 } });
    expect(calls).toEqual(['http://gateway-2:8000/v1/groups/g/members/m/heartbeat']);
    expect(headers[0]!.authorization).toBe('Bearer secret-token');
    expect(gateway.retry.retries).toBe(2);
    expect(http.url).toBe('http://lb:8000');
  });

  it('tells onUnreachable when the other URL cannot be reached, before the error', async () => {
    let unreachable = 0;
    const fetch: FetchFunction = async () => {
      throw Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      });
    };
    const http = new HttpTransport({ url: 'http://lb:8000', fetch, retry: { retries: 0 } });
    const gateway = http.at('http://gateway-2:8000', { onUnreachable: () => void unreachable++ });
    const error = await gateway.request('GET', '/v1/groups/g').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MiniKafkaError);
    expect((error as MiniKafkaError).type).toBe('BROKER_NOT_AVAILABLE');
    expect(unreachable).toBe(1);
  });
});
