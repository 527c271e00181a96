/**
 * Heartbeater: keeps a group member alive in the background. Every `intervalMs` it sends
 * one heartbeat for the current generation (never two at once; the timer is unref'd, so
 * it never keeps the process alive) and reports what the broker answered:
 *   - `rebalanceRequired`: the group's assignment changed: the consumer must rejoin;
 *   - a fencing error (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS):
 *     this member's session or generation is gone: the consumer must rejoin.
 * Other failures (network, timeouts) are ignored: the next beat tries again, and the
 * session timeout is several intervals long.
 */
import { type HeartbeatResponse, isMiniKafkaError, type MiniKafkaError } from '@mini-kafka/protocol';
import type { Generation } from './group-membership.js';

export const FENCING_ERRORS = new Set(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS']);

export function isFencingError(error: unknown): error is MiniKafkaError {
  return isMiniKafkaError(error) && FENCING_ERRORS.has(error.type);
}

export interface HeartbeaterOptions {
  /** The generation to heartbeat for; undefined while not joined (no beat is sent). */
  current: () => Generation | undefined;
  beat: (generation: Generation, timeoutMs: number) => Promise<HeartbeatResponse>;
  /** The broker asked for a rebalance; `generation` is the one the beat was sent for. */
  onRebalance: (generation: Generation, response: HeartbeatResponse) => void;
  onFenced: (generation: Generation, error: MiniKafkaError) => void;
}

export class Heartbeater {
  private timer: NodeJS.Timeout | undefined;
  private intervalMs = 0;
  private running = false;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly options: HeartbeaterOptions) {}

  /** Starts beating every `intervalMs` (or changes the interval when already running). */
  start(intervalMs: number): void {
    this.intervalMs = Math.max(1, Math.floor(intervalMs));
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Sends a heartbeat now (or waits for the one in flight). */
  beatNow(): Promise<void> {
    this.inFlight ??= this.beat().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.beatNow().finally(() => {
        if (this.running && this.timer === undefined) this.schedule();
      });
    }, this.intervalMs);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    const generation = this.options.current();
    if (generation === undefined) return;
    try {
      const response = await this.options.beat(generation, Math.max(this.intervalMs, 1_000));
      if (response.rebalanceRequired || response.generationId !== generation.generationId) {
        this.options.onRebalance(generation, response);
      }
    } catch (error) {
      if (isFencingError(error)) this.options.onFenced(generation, error);
    }
  }
}
