/** Path parameters, checked before they reach storage: topic names and partition numbers. */
import { assertValidTopicName, MiniKafkaError } from '@mini-kafka/protocol';

export function topicParam(value: string | undefined): string {
  const name = value === undefined ? '' : decodeURIComponentSafe(value);
  assertValidTopicName(name);
  return name;
}

export function partitionParam(value: string | undefined, name = 'partition'): number {
  if (value === undefined || !/^\d{1,10}$/.test(value) || Number(value) > 2_147_483_647) {
    throw new MiniKafkaError('INVALID_REQUEST', `${name} must be a non-negative integer`);
  }
  return Number(value);
}

export function offsetParam(value: string | undefined, name = 'offset'): number {
  if (value === undefined || !/^\d{1,16}$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new MiniKafkaError('INVALID_REQUEST', `${name} must be a non-negative integer`);
  }
  return Number(value);
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
