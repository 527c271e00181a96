import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { ManualScheduler } from './manual-scheduler.js';

describe('ManualScheduler', () => {
  it('runs due tasks in time order, scheduling order on ties, with the clock at each due time', () => {
    const clock = new ManualClock(1_000);
    const scheduler = new ManualScheduler(clock);
    const ran: string[] = [];
    scheduler.schedule(300, () => ran.push(`c@${clock.now()}`));
    scheduler.schedule(100, () => ran.push(`a@${clock.now()}`));
    scheduler.schedule(100, () => ran.push(`b@${clock.now()}`));
    scheduler.schedule(500, () => ran.push('late'));
    scheduler.advance(299);
    expect(ran).toEqual(['a@1100', 'b@1100']);
    expect(clock.now()).toBe(1_299);
    scheduler.advance(1);
    expect(ran).toEqual(['a@1100', 'b@1100', 'c@1300']);
    expect(scheduler.pending).toBe(1);
  });

  it('cancels, runs tasks scheduled by tasks within the same advance, and runs what is due after a direct clock move', () => {
    const clock = new ManualClock(0);
    const scheduler = new ManualScheduler(clock);
    const ran: number[] = [];
    const cancel = scheduler.schedule(10, () => ran.push(-1));
    cancel();
    cancel();
    scheduler.schedule(10, () => {
      ran.push(clock.now());
      scheduler.schedule(5, () => ran.push(clock.now()));
    });
    scheduler.advance(20);
    expect(ran).toEqual([10, 15]);
    expect(clock.now()).toBe(20);
    scheduler.schedule(0, () => ran.push(clock.now()));
    scheduler.schedule(7, () => ran.push(clock.now()));
    clock.advance(7);
    scheduler.runDue();
    expect(ran).toEqual([10, 15, 27, 27]); // the clock never goes back
    expect(scheduler.pending).toBe(0);
  });
});
