/** Asserts that a call throws (or rejects with) a MiniKafkaError of the given type. Test-only. */
import { type ErrorType, isMiniKafkaError, type MiniKafkaError } from '@mini-kafka/protocol/core';
import { expect } from 'vitest';

export function expectError(call: () => unknown, type: ErrorType): MiniKafkaError {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(isMiniKafkaError(caught, type), `expected ${type}, got ${String(caught)}`).toBe(true);
  return caught as MiniKafkaError;
}

export async function expectRejection(promise: Promise<unknown>, type: ErrorType): Promise<MiniKafkaError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(isMiniKafkaError(caught, type), `expected ${type}, got ${String(caught)}`).toBe(true);
  return caught as MiniKafkaError;
}
