/** Helpers of the PartitionLog conformance cases (log/log-conformance*.case.ts). Test-only. */
import { type ErrorType, isMiniKafkaError } from '@mini-kafka/protocol/core';
import { expect } from 'vitest';
import type { LogConfig } from '../log/log-config.js';
import type { PartitionLog } from '../log/partition-log.js';
import { checkBatch } from '../record-batch/batch-check.js';
import { batchBaseOffset, batchSize } from '../record-batch/batch-header.js';
import type { RecordInput } from '../record-batch/record.js';

/** Opens a fresh log of the implementation under test (flush `never` unless `config` says otherwise). */
export type MakeLog = (config?: Partial<LogConfig>) => Promise<PartitionLog>;

/** `count` records keyed `<prefix>-<i>`, values padded to `size` bytes. */
export function records(count: number, prefix = 'r', size = 10): RecordInput[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${prefix}-${i}`,
    value: `${prefix}-${i}:`.padEnd(size, 'x'),
  }));
}

export async function expectError(promise: Promise<unknown>, type: ErrorType): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isMiniKafkaError(error, type), `expected ${type}, got ${String(error)}`).toBe(true);
}

/** The base offsets of whole, intact batches back to back. */
export function batchBases(bytes: Buffer): number[] {
  const bases: number[] = [];
  for (let at = 0; at < bytes.length; at += batchSize(bytes, at)) {
    expect(checkBatch(bytes, at)).toBeUndefined();
    bases.push(batchBaseOffset(bytes, at));
  }
  return bases;
}
