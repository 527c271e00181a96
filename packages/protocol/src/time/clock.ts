/**
 * Clock: the one source of the current time. Storage (retention, rolling, default
 * timestamps) and the coordinator (sessions, commit timestamps) read time only through
 * it, so tests move time with `ManualClock` instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to, for tests of time-based behaviour. */
export class ManualClock implements Clock {
  constructor(private time = 1_700_000_000_000) {}

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    this.time += ms;
  }

  set(time: number): void {
    this.time = time;
  }
}
