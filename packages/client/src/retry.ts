/**
 * Retry policy: which failures are worth another attempt, how long to wait before it
 * (exponential backoff with jitter, as kafkajs does), and a loop that applies both.
 * Time is injected (`sleep`, `random`) so the decisions are testable without waiting.
 */
import { isMiniKafkaError } from '@mini-kafka/protocol';

export interface RetryOptions {
  /** Attempts after the first one. Default 5. */
  retries: number;
  /** Wait before the first retry, in ms. Default 300. */
  initialRetryTime: number;
  /** Longest wait between two attempts, in ms. Default 30000. */
  maxRetryTime: number;
  /** Each wait is the previous one times this. Default 2. */
  multiplier: number;
  /** Jitter: each wait is randomized by ±factor. Default 0.2. */
  factor: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  retries: 5,
  initialRetryTime: 300,
  maxRetryTime: 30_000,
  multiplier: 2,
  factor: 0.2,
};

export function retryOptions(overrides: Partial<RetryOptions> | undefined): RetryOptions {
  return { ...DEFAULT_RETRY, ...overrides };
}

/** The wait before retry number `attempt` (0 = the first retry), jittered by ±factor and capped at maxRetryTime. */
export function retryDelay(attempt: number, options: RetryOptions, random: () => number = Math.random): number {
  const base = Math.min(options.maxRetryTime, options.initialRetryTime * options.multiplier ** attempt);
  const jitter = 1 + options.factor * (2 * random() - 1);
  return Math.max(0, Math.min(options.maxRetryTime, Math.round(base * jitter)));
}

/**
 * True when trying the same request again may succeed: a MiniKafkaError whose table entry
 * is retriable (network failures, timeouts, 503 "not ready" states, storage errors), except
 * those answered with a 4xx status. Over HTTP a 4xx judges the request itself (an unknown
 * topic, a bad record), so the same request would get the same answer.
 */
export function isRetriable(error: unknown): boolean {
  return isMiniKafkaError(error) && error.retriable && (error.httpStatus < 400 || error.httpStatus >= 500);
}

export interface RetryContext {
  /** Waits between attempts; should end early when `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Stops retrying (the last error is thrown) once aborted. */
  signal?: AbortSignal;
  shouldRetry?: (error: unknown) => boolean;
}

/** Runs `operation` until it succeeds, fails with an error not worth retrying, or the retries run out. */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions,
  context: RetryContext,
): Promise<T> {
  const shouldRetry = context.shouldRetry ?? isRetriable;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= options.retries || !shouldRetry(error) || context.signal?.aborted === true) throw error;
      const { signal } = context;
      await context.sleep(retryDelay(attempt, options, context.random), signal);
      if (signal?.aborted === true) throw error;
    }
  }
}

/**
 * Resolves after `ms` milliseconds, or as soon as `signal` aborts. The timer keeps the
 * process alive, as a pending call must: a script whose broker is down waits for the
 * retries and gets the error, instead of exiting silently in the middle of a backoff.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted === true) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
