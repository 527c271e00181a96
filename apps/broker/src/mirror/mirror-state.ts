/**
 * The mirror's state file (default ./mini-kafka-mirror-state.json): per destination partition,
 * its OffsetMap (offset-map.ts). Written whole to a temporary file then renamed over the old one,
 * and only after the produce that reached each `next.destOffset` was acknowledged, so the file
 * never claims more than the destination holds; it may claim less (a crash between the
 * acknowledgement and the write), which the copy makes up by skipping forward in the source.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { OffsetMap, type PartitionMapState } from './offset-map.js';

export const DEFAULT_STATE_FILE = './mini-kafka-mirror-state.json';
const VERSION = 1;

interface StateFile {
  version: number;
  partitions: Record<string, PartitionMapState>;
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}/${partition}`;
}

export class MirrorState {
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly maps: Map<string, OffsetMap>,
  ) {}

  /** The state at `path`; empty when there is no such file. A file that is not a mirror state is an error. */
  static async load(path: string): Promise<MirrorState> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new MirrorState(path, new Map());
      throw error;
    }
    const parsed = JSON.parse(text) as StateFile;
    if (parsed.version !== VERSION || typeof parsed.partitions !== 'object' || parsed.partitions === null) {
      throw new Error(`${path} is not a mirror state file (version ${VERSION})`);
    }
    const maps = new Map<string, OffsetMap>();
    for (const [key, state] of Object.entries(parsed.partitions)) maps.set(key, OffsetMap.fromState(state));
    return new MirrorState(path, maps);
  }

  get(topic: string, partition: number): OffsetMap | undefined {
    return this.maps.get(partitionKey(topic, partition));
  }

  set(topic: string, partition: number, map: OffsetMap): void {
    this.maps.set(partitionKey(topic, partition), map);
  }

  /** Writes the state; saves run one after another (copies of several partitions may ask at once). */
  save(): Promise<void> {
    const next = this.saving.then(() => this.write());
    this.saving = next.catch(() => undefined);
    return next;
  }

  private async write(): Promise<void> {
    const file: StateFile = { version: VERSION, partitions: {} };
    for (const [key, map] of this.maps) file.partitions[key] = map.toState();
    const temporary = `${this.path}.tmp`;
    await writeFile(temporary, `${JSON.stringify(file)}\n`);
    await rename(temporary, this.path);
  }
}
