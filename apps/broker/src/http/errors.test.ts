import { MiniKafkaError } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import { httpStatusOf } from './errors.js';

const storage = (ioError?: string) =>
  new MiniKafkaError('KAFKA_STORAGE_ERROR', 'x', { details: ioError === undefined ? {} : { ioError } });

describe('httpStatusOf', () => {
  it('answers a full disk with 507, no file descriptors left with 503, other storage errors with 500', () => {
    expect(httpStatusOf(storage('ENOSPC'))).toBe(507);
    expect(httpStatusOf(storage('EDQUOT'))).toBe(507);
    expect(httpStatusOf(storage('EMFILE'))).toBe(503);
    expect(httpStatusOf(storage('ENFILE'))).toBe(503);
    expect(httpStatusOf(storage('EACCES'))).toBe(500);
    expect(httpStatusOf(storage())).toBe(500);
  });

  it('keeps the table’s status for everything else', () => {
    expect(httpStatusOf(new MiniKafkaError('POLICY_VIOLATION', 'limit'))).toBe(400);
    expect(
      httpStatusOf(new MiniKafkaError('UNKNOWN_TOPIC_OR_PARTITION', 'x', { details: { ioError: 'ENOSPC' } })),
    ).toBe(404);
  });
});
