/**
 * Scheduler: the one source of deadlines (the coordinator's Kafka groups: the initial
 * rebalance delay, rebalance and session timeouts, held JoinGroup/SyncGroup requests).
 * Injected like the clock, so tests drive time with `ManualScheduler` and never sleep.
 *
 * A task runs at most once, no earlier than `delayMs` from when it was scheduled; the
 * function `schedule` returns cancels it (a no-op once it ran). Tasks run one at a time on
 * the event loop, never inside the `schedule` call.
 */

export interface Scheduler {
  schedule(delayMs: number, task: () => void): () => void;
}

/** The longest delay `setTimeout` takes (about 24.8 days); longer delays are clamped to it. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** Real timers: `setTimeout`, unref'd so a pending deadline never keeps the process alive. */
export const systemScheduler: Scheduler = {
  schedule(delayMs, task) {
    const timer = setTimeout(task, Math.min(Math.max(0, delayMs), MAX_TIMER_DELAY_MS));
    timer.unref();
    return () => clearTimeout(timer);
  },
};
