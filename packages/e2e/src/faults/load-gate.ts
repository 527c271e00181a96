/**
 * Worker loops that can be paused and resumed as a whole: each loop runs one operation at a
 * time against the current broker URL; `pause()` stops new operations and resolves once the
 * ones in flight have settled (a kafkajs send retrying across a restart included), so a
 * check can read a broker nothing writes to. Failed operations are counted by worker (they
 * are expected around a kill) and the loop backs off briefly.
 */

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class LoadGate {
  url = '';
  /** Failed operations by worker name. */
  readonly failures = new Map<string, number>();
  private paused = true;
  private stopped = false;
  private waiting: (() => void)[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly loops: Promise<void>[] = [];

  /** Runs `step` again and again while the gate is open, until `stop()`. */
  loop(name: string, step: (url: string) => Promise<void>): void {
    this.loops.push(this.run(name, step));
  }

  private async run(name: string, step: (url: string) => Promise<void>): Promise<void> {
    while (!this.stopped) {
      if (this.paused) {
        await new Promise<void>((resolve) => this.waiting.push(resolve));
        continue;
      }
      const operation = step(this.url).catch(async () => {
        this.failures.set(name, (this.failures.get(name) ?? 0) + 1);
        await sleep(25);
      });
      this.inFlight.add(operation);
      await operation;
      this.inFlight.delete(operation);
    }
  }

  /** Opens the gate against `url`. */
  resume(url: string): void {
    this.url = url;
    this.paused = false;
    this.wake();
  }

  /** Closes the gate; resolves once no operation is in flight, or fails after `timeoutMs`. */
  async pause(timeoutMs = 60_000): Promise<void> {
    this.paused = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`operations still in flight after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([Promise.all([...this.inFlight]), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends every loop (after the operations in flight). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await Promise.all(this.loops);
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
