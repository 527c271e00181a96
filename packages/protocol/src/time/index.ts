export { type Clock, ManualClock, systemClock } from './clock.js';
export { LOOP_SHARE_MS, LoopShare, type LoopShareOptions, loopShare, nextTurn } from './loop-share.js';
export { ManualScheduler } from './manual-scheduler.js';
export { MAX_TIMER_DELAY_MS, type Scheduler, systemScheduler } from './scheduler.js';
