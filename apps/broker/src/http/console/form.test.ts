import { MiniKafkaError } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import { optionalInt, pairs, parseTime } from './form.js';

describe('console form fields', () => {
  it('reads name=value lines, skipping blanks, and refuses others', () => {
    expect(pairs('a=1\n\n b = x=y \r\n', 'configs')).toEqual([
      ['a', '1'],
      ['b', 'x=y'],
    ]);
    expect(() => pairs('novalue', 'configs')).toThrow(MiniKafkaError);
    expect(() => pairs('a=1\nb=2', 'configs', 1)).toThrow(/at most 1/);
  });

  it('reads optional whole numbers and times', () => {
    expect(optionalInt('', 'partition')).toBeUndefined();
    expect(optionalInt('7', 'partition')).toBe(7);
    expect(() => optionalInt('-1', 'partition')).toThrow(MiniKafkaError);
    expect(parseTime('1700000000000', 'time')).toBe(1_700_000_000_000);
    expect(parseTime('2026-01-01T00:00:00Z', 'time')).toBe(Date.UTC(2026, 0, 1));
    expect(() => parseTime('soon', 'time')).toThrow(MiniKafkaError);
  });
});
