/**
 * One partition's mapping from source offsets to destination offsets, kept sparse: a run starts
 * wherever (sourceOffset - destOffset) changes (a compacted or deleted prefix, transaction
 * markers, aborted records), and within a run both sides advance together, because the
 * destination holds every copied record back to back (the mirror is its only writer).
 * `next` is where the copy stands: the source offset to read next, and the destination end.
 * Pure state: no I/O (mirror-state.ts persists it).
 */

export interface Checkpoint {
  sourceOffset: number;
  destOffset: number;
}

export interface PartitionMapState {
  runs: Checkpoint[];
  next: Checkpoint;
}

export class OffsetMap {
  private constructor(
    private readonly runs: Checkpoint[],
    private nextPosition: Checkpoint,
  ) {}

  /** A map for a copy that has not started: the source from `sourceStart`, the destination from `destEnd`. */
  static start(sourceStart: number, destEnd: number): OffsetMap {
    return new OffsetMap([], { sourceOffset: sourceStart, destOffset: destEnd });
  }

  static fromState(state: PartitionMapState): OffsetMap {
    return new OffsetMap(
      state.runs.map((run) => ({ ...run })),
      { ...state.next },
    );
  }

  toState(): PartitionMapState {
    return { runs: this.runs.map((run) => ({ ...run })), next: { ...this.nextPosition } };
  }

  get next(): Checkpoint {
    return { ...this.nextPosition };
  }

  /**
   * Records that the source records at `sourceOffsets` (ascending, all >= next.sourceOffset) now
   * sit at the destination from next.destOffset on; `nextSource` is the source position after them
   * (past any markers or gaps that followed).
   */
  copied(sourceOffsets: readonly number[], nextSource: number): void {
    let dest = this.nextPosition.destOffset;
    for (const source of sourceOffsets) {
      if (source < this.nextPosition.sourceOffset) {
        throw new RangeError(`Source offset ${source} is behind the copy (${this.nextPosition.sourceOffset})`);
      }
      const last = this.runs.at(-1);
      if (last === undefined || last.sourceOffset - last.destOffset !== source - dest) {
        this.runs.push({ sourceOffset: source, destOffset: dest });
      }
      dest += 1;
      this.nextPosition = { sourceOffset: source + 1, destOffset: dest };
    }
    this.nextPosition = { sourceOffset: Math.max(nextSource, this.nextPosition.sourceOffset), destOffset: dest };
  }

  /**
   * The destination offset of a committed source offset `committed`: that of the first copied
   * record whose source offset is >= it; the destination end when none has been copied yet.
   */
  translate(committed: number): number {
    const { runs } = this;
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i]!;
      const end = i + 1 < runs.length ? runs[i + 1]!.destOffset : this.nextPosition.destOffset;
      const length = end - run.destOffset;
      if (committed < run.sourceOffset) return run.destOffset;
      if (committed < run.sourceOffset + length) return run.destOffset + (committed - run.sourceOffset);
    }
    return this.nextPosition.destOffset;
  }
}
