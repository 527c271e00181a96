/**
 * Topic name rules, Kafka's: 1 to 249 characters of [a-zA-Z0-9._-], and not "." or "..".
 * A valid name is always a safe single path segment, so it can never escape a data directory.
 */
import { MiniKafkaError } from './errors.js';

export const MAX_TOPIC_NAME_LENGTH = 249;
const LEGAL = /^[a-zA-Z0-9._-]+$/;

/** Why `name` is not a legal topic name, or `undefined` when it is. */
export function topicNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return 'Topic name must be a string';
  if (name.length === 0) return 'Topic name is empty';
  if (name.length > MAX_TOPIC_NAME_LENGTH) {
    return `Topic name is ${name.length} characters long; the limit is ${MAX_TOPIC_NAME_LENGTH}`;
  }
  if (name === '.' || name === '..') return 'Topic name cannot be "." or ".."';
  if (!LEGAL.test(name)) return 'Topic name may contain only ASCII letters, digits, ".", "_" and "-"';
  return undefined;
}

export function isValidTopicName(name: unknown): name is string {
  return topicNameProblem(name) === undefined;
}

/** Throws INVALID_TOPIC_EXCEPTION unless `name` is a legal topic name. */
export function assertValidTopicName(name: unknown): asserts name is string {
  const problem = topicNameProblem(name);
  if (problem !== undefined) {
    // The name itself is echoed only when it is short and printable ASCII: it is client input.
    const shown = typeof name === 'string' && name.length <= 64 && /^[\x20-\x7e]*$/.test(name) ? ` "${name}"` : '';
    throw new MiniKafkaError('INVALID_TOPIC_EXCEPTION', `Invalid topic name${shown}: ${problem}`, {
      details: { limit: MAX_TOPIC_NAME_LENGTH },
    });
  }
}
