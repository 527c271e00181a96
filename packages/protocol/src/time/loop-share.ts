/**
 * Sharing the event loop among long jobs: decoding a large read, writing a large JSON answer.
 * Each works in small steps and asks `loopShare.spent()` before the next one: true once the
 * jobs together have run for LOOP_SHARE_MS in this turn of the event loop, and the job then
 * awaits `nextTurn()`. Sixteen jobs at once hold the loop for about LOOP_SHARE_MS a turn, not
 * sixteen steps' worth, so a health check or a small request waits a few milliseconds
 * however many large answers are being written.
 *
 * A turn is counted from the first question asked in it; a `setImmediate` queued then ends
 * it, and runs before the jobs that yielded after it (immediates run in the order queued).
 */

/** What the long jobs may take of one turn of the event loop, in milliseconds. */
export const LOOP_SHARE_MS = 4;

export interface LoopShareOptions {
  /** Milliseconds, monotonic. */
  now?: () => number;
  /** Runs a callback in the next turn, after the I/O waiting in this one. */
  afterIo?: (callback: () => void) => void;
  shareMs?: number;
}

export class LoopShare {
  private readonly now: () => number;
  private readonly afterIo: (callback: () => void) => void;
  private readonly shareMs: number;
  private turnStartedAt = 0;
  private inTurn = false;
  private readonly endTurn = (): void => {
    this.inTurn = false;
  };

  constructor(options: LoopShareOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    this.afterIo = options.afterIo ?? ((callback) => setImmediate(callback));
    this.shareMs = options.shareMs ?? LOOP_SHARE_MS;
  }

  /** Whether the long jobs have had their share of this turn (the first question starts one). */
  spent(): boolean {
    const now = this.now();
    if (!this.inTurn) {
      this.inTurn = true;
      this.turnStartedAt = now;
      this.afterIo(this.endTurn);
      return false;
    }
    return now - this.turnStartedAt >= this.shareMs;
  }
}

/** The process's share: every long job asks this one. */
export const loopShare = new LoopShare();

/** Resolves in the next turn of the event loop, after the I/O that waits in this one. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
