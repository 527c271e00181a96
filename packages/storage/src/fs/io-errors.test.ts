import { isMiniKafkaError, MiniKafkaError } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import { describeIoError, ioErrorCode, storageError } from './io-errors.js';

function errno(code: string, path: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: failed, open '${path}'`);
  error.code = code;
  error.path = path;
  return error;
}

describe('I/O errors in words', () => {
  it('names each cause in words with its code, never the path or the original text', () => {
    const error = storageError('Cannot create topic "t"', errno('ENOSPC', '/secret/data/t/topic.json'), {
      topic: 't',
    });
    expect(isMiniKafkaError(error, 'KAFKA_STORAGE_ERROR')).toBe(true);
    expect(error.message).toBe(`Cannot create topic "t": no space left on the data directory's device (ENOSPC)`);
    expect(error.details).toEqual({ topic: 't', ioError: 'ENOSPC' });
    expect(JSON.stringify(error.toJSON())).not.toContain('/secret');
    expect(describeIoError('EMFILE')).toContain('too many open files');
    expect(describeIoError('ENFILE')).toContain('too many open files');
    expect(describeIoError('EACCES')).toContain('permission denied');
    expect(describeIoError('EWHATEVER')).toBe('an I/O error (EWHATEVER)');
    expect(describeIoError(undefined)).toBe('an unexpected I/O error');
  });

  it('finds the code along causes, and lets errors that are already Kafka errors through', () => {
    expect(ioErrorCode(new Error('wrapped', { cause: errno('EMFILE', '/x') }))).toBe('EMFILE');
    expect(ioErrorCode(new Error('plain'))).toBeUndefined();
    const refusal = new MiniKafkaError('POLICY_VIOLATION', 'no');
    expect(storageError('Cannot create topic "t"', refusal)).toBe(refusal);
    expect(storageError('x', new Error('boom')).message).toBe('x: an unexpected I/O error');
  });
});
