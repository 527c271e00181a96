import { describe, expect, it } from 'vitest';
import { isMiniKafkaError } from './errors.js';
import { assertValidTopicName, isValidTopicName, topicNameProblem } from './topic-name.js';

describe('topic names', () => {
  it.each(['orders', 'a', 'A.b_c-9', 'x'.repeat(249), '..a', '__consumer_offsets'])('accepts %s', (name) => {
    expect(isValidTopicName(name)).toBe(true);
  });

  it.each(['', '.', '..', '../x', 'a/b', 'a\\b', 'white space', 'x'.repeat(250), 'naïve', 'a\u0000b'])(
    'rejects %j',
    (name) => {
      expect(topicNameProblem(name)).toBeTypeOf('string');
      expect(() => assertValidTopicName(name)).toThrowError(/Invalid topic name/);
    },
  );

  it('rejects non-strings', () => {
    expect(isValidTopicName(42)).toBe(false);
    expect(isValidTopicName(undefined)).toBe(false);
  });

  it('throws INVALID_TOPIC_EXCEPTION without echoing long or binary names', () => {
    try {
      assertValidTopicName('\u0001'.repeat(300));
      expect.unreachable();
    } catch (error) {
      expect(isMiniKafkaError(error, 'INVALID_TOPIC_EXCEPTION')).toBe(true);
      expect((error as Error).message).not.toContain('\u0001');
    }
  });
});
