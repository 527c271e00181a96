/**
 * The Kafka groups' settings, resolved once when the coordinator opens: the scheduler,
 * Kafka's group.initial.rebalance.delay.ms, the session timeout bounds shared with HTTP
 * groups, the broker's assignment decoder and the rebalance listener.
 */

import type { TopicPartition } from '@mini-kafka/protocol/core';
import { type Clock, MiniKafkaError, type Scheduler, systemClock, systemScheduler } from '@mini-kafka/protocol/core';
import type { GroupCoordinatorOptions } from '../../coordinator-options.js';
import type { RebalanceEvent } from '../rebalance-event.js';
import type { SessionTimeouts } from '../session-timeouts.js';

/** Kafka's default group.initial.rebalance.delay.ms. */
export const DEFAULT_INITIAL_REBALANCE_DELAY_MS = 3_000;

export interface KafkaSettings {
  clock: Clock;
  scheduler: Scheduler;
  sessionTimeout: SessionTimeouts;
  initialRebalanceDelayMs: number;
  decodeAssignment?: ((bytes: Buffer) => readonly TopicPartition[] | undefined) | undefined;
  onRebalance?: ((event: RebalanceEvent) => void) | undefined;
}

export function resolveKafkaSettings(options: GroupCoordinatorOptions, sessionTimeout: SessionTimeouts): KafkaSettings {
  const initialRebalanceDelayMs = options.initialRebalanceDelayMs ?? DEFAULT_INITIAL_REBALANCE_DELAY_MS;
  if (!Number.isSafeInteger(initialRebalanceDelayMs) || initialRebalanceDelayMs < 0) {
    throw new MiniKafkaError('INVALID_CONFIG', 'The initial rebalance delay must be a non-negative integer (ms)');
  }
  return {
    clock: options.clock ?? systemClock,
    scheduler: options.scheduler ?? systemScheduler,
    sessionTimeout,
    initialRebalanceDelayMs,
    decodeAssignment: options.decodeAssignment,
    onRebalance: options.onRebalance,
  };
}
