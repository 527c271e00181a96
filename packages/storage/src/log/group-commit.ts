/**
 * Group commit: many appends waiting to be durable share one fsync. While a sync is in
 * flight, later appends wait for it and then, if it did not cover them, for one more,
 * which covers everything written by then. A failed sync fails every waiter and all
 * later ones: after an fsync error the page cache can no longer be trusted.
 */
export class GroupCommit {
  private inFlight: Promise<void> | undefined;
  private failure: unknown;

  /**
   * @param sync makes everything written so far durable and resolves to the offset
   *   below which all records are now durable.
   * @param durable the offset below which records are already durable.
   */
  constructor(
    private readonly sync: () => Promise<number>,
    public durable: number,
    private readonly onDurable: (offset: number) => void = () => undefined,
  ) {}

  get failed(): unknown {
    return this.failure;
  }

  /** Resolves once every record below `offset` is durable. */
  async waitFor(offset: number): Promise<void> {
    while (this.durable < offset) {
      if (this.failure !== undefined) throw this.failure;
      this.inFlight ??= this.runSync();
      await this.inFlight;
    }
  }

  /** Records that everything below `offset` became durable by other means (a roll's flush). */
  markDurable(offset: number): void {
    if (offset > this.durable) {
      this.durable = offset;
      this.onDurable(offset);
    }
  }

  private async runSync(): Promise<void> {
    try {
      this.markDurable(await this.sync());
    } catch (error) {
      this.failure = error;
      throw error;
    } finally {
      this.inFlight = undefined;
    }
  }
}
