/** Reading what an SDK consumer hands out in e2e tests: poll until a count is reached, and a message's text. */
import type { Consumer, ConsumerMessage } from '@mini-kafka/client';

export const text = (message: ConsumerMessage): string => message.value?.toString('utf8') ?? '';

/** Polls `consumer` until it has handed out `count` messages; fails after `timeoutMs`. */
export async function pollUntil(consumer: Consumer, count: number, timeoutMs = 10_000): Promise<ConsumerMessage[]> {
  const messages: ConsumerMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  while (messages.length < count) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms with ${messages.length} of ${count} messages`);
    messages.push(...(await consumer.poll({ maxRecords: count - messages.length, waitMs: 500 })));
  }
  return messages;
}
