// Long jobs sharing the event loop: together they get LOOP_SHARE_MS of a turn, counted from
// the first question in it; the turn ends with the callback queued then, and the next one
// starts fresh. A manual clock and callback queue stand for the event loop.
import { describe, expect, it } from 'vitest';
import { LoopShare } from './loop-share.js';

function fakeLoop() {
  let now = 0;
  const queued: (() => void)[] = [];
  const share = new LoopShare({ now: () => now, afterIo: (callback) => queued.push(callback), shareMs: 4 });
  return {
    share,
    advance: (ms: number) => {
      now += ms;
    },
    /** The turn ends: what was queued runs. */
    nextTurn: () => {
      for (const callback of queued.splice(0)) callback();
    },
    queued: () => queued.length,
  };
}

describe('LoopShare', () => {
  it('answers not spent until the jobs together have run for the share of the turn', () => {
    const loop = fakeLoop();
    expect(loop.share.spent()).toBe(false); // the first question starts the turn
    loop.advance(1.5);
    expect(loop.share.spent()).toBe(false);
    loop.advance(2);
    expect(loop.share.spent()).toBe(false);
    loop.advance(0.5);
    expect(loop.share.spent()).toBe(true);
    expect(loop.share.spent()).toBe(true);
    expect(loop.queued()).toBe(1); // one end of turn queued, however many asked
  });

  it('starts afresh in the next turn, counted from its first question', () => {
    const loop = fakeLoop();
    loop.share.spent();
    loop.advance(10);
    expect(loop.share.spent()).toBe(true);
    loop.nextTurn();
    loop.advance(100); // idle between turns does not count
    expect(loop.share.spent()).toBe(false);
    loop.advance(3);
    expect(loop.share.spent()).toBe(false);
    loop.advance(1);
    expect(loop.share.spent()).toBe(true);
  });
});
