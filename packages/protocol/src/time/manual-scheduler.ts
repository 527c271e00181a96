/**
 * ManualScheduler: a Scheduler driven by a ManualClock, for tests that never sleep.
 * `advance(ms)` moves the clock forward and runs every task that falls due on the way, in
 * time order (ties in scheduling order), with the clock set to each task's due time while
 * it runs; tasks scheduled by a running task run too if they fall due within the advance.
 */
import { ManualClock } from './clock.js';
import type { Scheduler } from './scheduler.js';

interface Task {
  dueAt: number;
  seq: number;
  run: () => void;
}

export class ManualScheduler implements Scheduler {
  private readonly tasks = new Set<Task>();
  private seq = 0;

  constructor(readonly clock: ManualClock = new ManualClock()) {}

  schedule(delayMs: number, run: () => void): () => void {
    const task: Task = { dueAt: this.clock.now() + Math.max(0, delayMs), seq: this.seq++, run };
    this.tasks.add(task);
    return () => {
      this.tasks.delete(task);
    };
  }

  /** Tasks scheduled and neither run nor cancelled. */
  get pending(): number {
    return this.tasks.size;
  }

  /** Moves the clock `ms` forward, running the tasks due on the way. */
  advance(ms: number): void {
    const target = this.clock.now() + ms;
    for (let task = this.next(target); task !== undefined; task = this.next(target)) {
      this.tasks.delete(task);
      if (task.dueAt > this.clock.now()) this.clock.set(task.dueAt);
      task.run();
    }
    if (target > this.clock.now()) this.clock.set(target);
  }

  /** Runs the tasks already due (for tests that moved the clock directly). */
  runDue(): void {
    this.advance(0);
  }

  private next(until: number): Task | undefined {
    let best: Task | undefined;
    for (const task of this.tasks) {
      if (task.dueAt > until) continue;
      if (best === undefined || task.dueAt < best.dueAt || (task.dueAt === best.dueAt && task.seq < best.seq))
        best = task;
    }
    return best;
  }
}
