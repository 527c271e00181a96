/** The errors an OffsetStore raises itself (the storage log raises its own). */
import { MiniKafkaError } from '@mini-kafka/protocol/core';

export function storeClosed(): MiniKafkaError {
  return new MiniKafkaError('COORDINATOR_NOT_AVAILABLE', 'The offset store is closed');
}

export function storeFailed(cause: unknown): MiniKafkaError {
  return new MiniKafkaError('KAFKA_STORAGE_ERROR', 'The offset store failed and must be reopened', { cause });
}
