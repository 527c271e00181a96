/**
 * What `mini-kafka mirror` remembers between runs, in one JSON file written atomically
 * (a temporary file renamed over it): per partition, sparse checkpoints `[sourceOffset,
 * destinationOffset]`, each recorded only after the destination acknowledged the record
 * at that destination offset. The destination partition's end is the truth of how far the
 * copy got; a checkpoint at or below it says where in the source to count from, so a run
 * resumes exactly after an interruption at any point, without a duplicate. The file also
 * keeps which source and destination it belongs to: another pair refuses it.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { MiniKafkaError } from '@mini-kafka/protocol';

/** Checkpoints kept per partition (the newest): enough to find one below any destination end. */
const KEPT = 64;

export type Checkpoint = [sourceOffset: number, destinationOffset: number];

export interface MirrorStateData {
  version: 1;
  source: string;
  destination: string;
  /** By `topic/partition`. */
  partitions: Record<string, Checkpoint[]>;
  /** Group offsets last committed to the destination, by `group/topic/partition` (to skip unchanged ones). */
  groups: Record<string, number>;
}

export class MirrorState {
  private constructor(
    private readonly path: string,
    readonly data: MirrorStateData,
  ) {}

  static async open(path: string, source: string, destination: string): Promise<MirrorState> {
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text === undefined)
      return new MirrorState(path, { version: 1, source, destination, partitions: {}, groups: {} });
    const data = JSON.parse(text) as MirrorStateData;
    if (data.version !== 1 || typeof data.partitions !== 'object') {
      throw new MiniKafkaError('INVALID_CONFIG', `${path} is not a mirror state file`);
    }
    if (data.source !== source || data.destination !== destination) {
      throw new MiniKafkaError(
        'INVALID_CONFIG',
        `${path} belongs to a mirror from ${data.source} to ${data.destination}; give another --state file`,
      );
    }
    data.groups ??= {};
    return new MirrorState(path, data);
  }

  checkpoints(topic: string, partition: number): Checkpoint[] {
    return this.data.partitions[`${topic}/${partition}`] ?? [];
  }

  /** Records that the source record at `sourceOffset` is at `destinationOffset` (acknowledged). */
  record(topic: string, partition: number, sourceOffset: number, destinationOffset: number): void {
    const list = this.checkpoints(topic, partition).filter(([, d]) => d < destinationOffset);
    list.push([sourceOffset, destinationOffset]);
    this.data.partitions[`${topic}/${partition}`] = list.slice(-KEPT);
  }

  /** The newest checkpoint at or below a destination end (`undefined`: none). */
  below(topic: string, partition: number, destinationEnd: number): Checkpoint | undefined {
    return this.checkpoints(topic, partition)
      .filter(([, d]) => d <= destinationEnd)
      .at(-1);
  }

  /** The newest checkpoint whose source offset is at or below `sourceOffset`. */
  atOrBeforeSource(topic: string, partition: number, sourceOffset: number): Checkpoint | undefined {
    return this.checkpoints(topic, partition)
      .filter(([s]) => s <= sourceOffset)
      .at(-1);
  }

  async save(): Promise<void> {
    const temporary = `${this.path}.tmp`;
    await writeFile(temporary, `${JSON.stringify(this.data)}\n`);
    await rename(temporary, this.path);
  }
}
