import { MiniKafkaError } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, isRetriable, type RetryOptions, retryDelay, withRetry } from './retry.js';

const noJitter: RetryOptions = { ...DEFAULT_RETRY, factor: 0 };

describe('retryDelay', () => {
  it('doubles from initialRetryTime and stops at maxRetryTime', () => {
    const delays = [0, 1, 2, 3, 4, 10, 60].map((attempt) => retryDelay(attempt, noJitter));
    expect(delays).toEqual([300, 600, 1200, 2400, 4800, 30_000, 30_000]);
  });

  it('jitters by at most ±factor and never beyond the cap', () => {
    expect(retryDelay(0, DEFAULT_RETRY, () => 0)).toBe(240);
    expect(retryDelay(0, DEFAULT_RETRY, () => 1)).toBe(360);
    expect(retryDelay(20, DEFAULT_RETRY, () => 1)).toBe(30_000);
  });
});

describe('isRetriable', () => {
  it('retries retriable table entries answered with 5xx or no status at all', () => {
    expect(isRetriable(new MiniKafkaError('BROKER_NOT_AVAILABLE', 'down'))).toBe(true);
    expect(isRetriable(new MiniKafkaError('REQUEST_TIMED_OUT', 'slow'))).toBe(true);
    expect(isRetriable(new MiniKafkaError('COORDINATOR_LOAD_IN_PROGRESS', 'starting'))).toBe(true);
    expect(isRetriable(new MiniKafkaError('KAFKA_STORAGE_ERROR', 'disk'))).toBe(true);
  });

  it('never retries non-retriable errors, 4xx answers, or foreign errors', () => {
    expect(isRetriable(new MiniKafkaError('TOPIC_ALREADY_EXISTS', 'x'))).toBe(false);
    expect(isRetriable(new MiniKafkaError('ILLEGAL_GENERATION', 'x'))).toBe(false);
    expect(isRetriable(new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', 'x'))).toBe(false);
    expect(isRetriable(new MiniKafkaError('CORRUPT_MESSAGE', 'x'))).toBe(false);
    expect(isRetriable(new Error('boom'))).toBe(false);
  });
});

describe('withRetry', () => {
  function recorder() {
    const waits: number[] = [];
    return { waits, sleep: async (ms: number) => void waits.push(ms) };
  }

  it('retries a retriable failure with growing waits, then succeeds', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 4) throw new MiniKafkaError('BROKER_NOT_AVAILABLE', 'down');
        return 'ok';
      },
      noJitter,
      { sleep },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([300, 600, 1200]);
  });

  it('gives up after `retries` retries and throws the last error', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls++;
        throw new MiniKafkaError('REQUEST_TIMED_OUT', `attempt ${calls}`);
      },
      { ...noJitter, retries: 2 },
      { sleep },
    );
    await expect(failing).rejects.toMatchObject({ type: 'REQUEST_TIMED_OUT', message: 'attempt 3' });
    expect(waits).toHaveLength(2);
  });

  it('never retries a non-retriable error', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls++;
        throw new MiniKafkaError('INVALID_RECORD', 'bad');
      },
      noJitter,
      { sleep },
    );
    await expect(failing).rejects.toMatchObject({ type: 'INVALID_RECORD' });
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });

  it('stops retrying once its signal aborts', async () => {
    const controller = new AbortController();
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls++;
        throw new MiniKafkaError('BROKER_NOT_AVAILABLE', 'down');
      },
      noJitter,
      { sleep: async () => controller.abort(), signal: controller.signal },
    );
    await expect(failing).rejects.toMatchObject({ type: 'BROKER_NOT_AVAILABLE' });
    expect(calls).toBe(1);
  });
});
