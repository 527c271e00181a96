/**
 * A world for the group handlers' tests: a handler context (see handler-context.ts) whose
 * Kafka groups run on a ManualScheduler (no real timer runs) with no initial rebalance
 * delay, holding the given topics and records. Test-only; not built or published.
 */
import type { GroupCoordinator } from '@mini-kafka/coordinator';
import { ManualClock, ManualScheduler } from '@mini-kafka/protocol/core';
import type { LogManager } from '@mini-kafka/storage';
import type { KafkaContext } from '../kafka-context.js';
import { handlerContext } from './handler-context.js';

export { ADVERTISED, serve } from './handler-context.js';

export interface GroupHandlerWorld {
  ctx: KafkaContext;
  coordinator: GroupCoordinator;
  logs: LogManager;
  scheduler: ManualScheduler;
  close(): Promise<void>;
}

/** A world with the given topics (name -> partitions) and records (`topic-partition` -> count). */
export async function groupHandlerWorld(
  topics: Record<string, number> = { orders: 2 },
  records: Record<string, number> = {},
): Promise<GroupHandlerWorld> {
  const clock = new ManualClock();
  const scheduler = new ManualScheduler(clock);
  const ctx = await handlerContext({ clock, scheduler, config: { groupInitialRebalanceDelayMs: 0 } });
  for (const [topic, partitions] of Object.entries(topics)) await ctx.logs.createTopic(topic, { partitions });
  for (const [key, count] of Object.entries(records)) {
    const at = key.lastIndexOf('-');
    const log = ctx.logs.getLog(key.slice(0, at), Number(key.slice(at + 1)));
    await log.append(Array.from({ length: count }, (_, i) => ({ value: `v${i}` })));
  }
  return { ctx, coordinator: ctx.coordinator, logs: ctx.logs, scheduler, close: () => ctx.close() };
}
