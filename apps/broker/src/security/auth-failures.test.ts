import { ManualClock } from '@mini-kafka/protocol/core';
import { describe, expect, it } from 'vitest';
import { AuthFailures } from './auth-failures.js';

describe('AuthFailures', () => {
  it('doubles the pause with each failure in a row from one address, up to a cap', () => {
    const failures = new AuthFailures(new ManualClock(0), 100);
    expect([1, 2, 3, 4].map(() => failures.failed('10.0.0.1'))).toEqual([100, 200, 400, 800]);
    expect(failures.failed('10.0.0.2')).toBe(100);
    for (let i = 0; i < 30; i++) failures.failed('10.0.0.1');
    expect(failures.failed('10.0.0.1')).toBe(10_000);
  });

  it('forgets an address after a success or a quiet minute', () => {
    const clock = new ManualClock(0);
    const failures = new AuthFailures(clock, 100);
    failures.failed('h');
    failures.failed('h');
    failures.succeeded('h');
    expect(failures.failed('h')).toBe(100);
    failures.failed('h');
    clock.advance(60_000);
    expect(failures.failed('h')).toBe(100);
  });
});
