import { describe, expect, it } from 'vitest';
import { ERROR_CODES, errorTypeForCode } from './error-codes.js';
import { isMiniKafkaError, MiniKafkaError, toMiniKafkaError } from './errors.js';

describe('error table', () => {
  it('uses each Kafka code once', () => {
    const codes = Object.values(ERROR_CODES).map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('maps the codes Kafka clients react to onto their Kafka names', () => {
    expect(errorTypeForCode(1)).toBe('OFFSET_OUT_OF_RANGE');
    expect(errorTypeForCode(3)).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(errorTypeForCode(22)).toBe('ILLEGAL_GENERATION');
    expect(errorTypeForCode(25)).toBe('UNKNOWN_MEMBER_ID');
    expect(errorTypeForCode(27)).toBe('REBALANCE_IN_PROGRESS');
    expect(errorTypeForCode(79)).toBe('MEMBER_ID_REQUIRED');
    expect(errorTypeForCode(12345)).toBeUndefined();
  });

  it('gives every entry an HTTP error status', () => {
    for (const entry of Object.values(ERROR_CODES)) {
      expect(entry.httpStatus).toBeGreaterThanOrEqual(400);
      expect(entry.httpStatus).toBeLessThan(600);
    }
  });
});

describe('MiniKafkaError', () => {
  it('takes a more precise HTTP status for an HTTP-only refusal, keeping its Kafka type and code', () => {
    const error = new MiniKafkaError('INVALID_REQUEST', 'Content-Type must be application/json', { httpStatus: 415 });
    expect([error.type, error.code, error.httpStatus]).toEqual(['INVALID_REQUEST', 42, 415]);
  });

  it('carries code, status and retriable flag from the table', () => {
    const error = new MiniKafkaError('OFFSET_OUT_OF_RANGE', 'Offset 12 is out of range', {
      details: { topic: 't', partition: 0, offset: 12 },
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(1);
    expect(error.httpStatus).toBe(416);
    expect(error.retriable).toBe(false);
    expect(error.toJSON()).toEqual({
      code: 1,
      name: 'OFFSET_OUT_OF_RANGE',
      message: 'Offset 12 is out of range',
      details: { topic: 't', partition: 0, offset: 12 },
    });
    expect(isMiniKafkaError(error, 'OFFSET_OUT_OF_RANGE')).toBe(true);
    expect(isMiniKafkaError(error, 'CORRUPT_MESSAGE')).toBe(false);
  });

  it('normalizes unknown throwables without copying their text', () => {
    const normalized = toMiniKafkaError(new Error('secret payload'));
    expect(normalized.type).toBe('UNKNOWN_SERVER_ERROR');
    expect(normalized.message).not.toContain('secret');
    expect(normalized.retriable).toBe(false);
  });

  it('keeps the type of an object carrying a Kafka code', () => {
    const normalized = toMiniKafkaError({ code: 27, message: 'rebalancing' });
    expect(normalized.type).toBe('REBALANCE_IN_PROGRESS');
    const same = new MiniKafkaError('CORRUPT_MESSAGE', 'bad crc');
    expect(toMiniKafkaError(same)).toBe(same);
  });
});
