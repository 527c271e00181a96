/**
 * `consume --group G`: reads a topic as a member of a consumer group with the SDK's Consumer
 * (`poll`), committing what it printed. Without `follow` it stops at the end of the log: at the
 * first poll that brings nothing although the member already had partitions when it began
 * (the broker's member fetch answers at once when any of them has records), or when the
 * member is given no partition at all (the group has more members than the topic partitions).
 * Polls hand out at most what `maxMessages` leaves, so what is committed (when the command
 * ends, and when the consumer closes and leaves the group) is exactly what was printed.
 */
import type { Consumer, ConsumerRecord } from '@mini-kafka/client';

export interface GroupReadPlan {
  topic: string;
  follow: boolean;
  maxMessages?: number;
  signal: AbortSignal;
}

const POLL_WAIT_MS = 500;
/** Polls in a row without any partition after which a member without `follow` gives up. */
const UNASSIGNED_POLLS = 4;

export async function readAsGroup(
  consumer: Consumer,
  plan: GroupReadPlan,
  print: (record: ConsumerRecord) => void,
): Promise<number> {
  let printed = 0;
  let unassigned = 0;
  await consumer.subscribe(plan.topic);
  try {
    while (!plan.signal.aborted) {
      const assigned = consumer.assignment().length > 0;
      const remaining = plan.maxMessages === undefined ? undefined : plan.maxMessages - printed;
      const records = await consumer.poll({
        waitMs: POLL_WAIT_MS,
        ...(remaining !== undefined && { maxRecords: Math.min(500, remaining) }),
      });
      for (const record of records) {
        print(record);
        printed++;
      }
      if (plan.maxMessages !== undefined && printed >= plan.maxMessages) break;
      if (records.length > 0 || plan.follow) continue;
      if (assigned) break;
      unassigned = consumer.assignment().length > 0 ? 0 : unassigned + 1;
      if (unassigned >= UNASSIGNED_POLLS) break;
    }
    await consumer.commit();
  } finally {
    await consumer.close().catch(() => {});
  }
  return printed;
}
