/**
 * ProducerIdManager: hands out producer ids, broker-wide, never the same one twice, across
 * restarts and SIGKILL. Like Kafka's controller it reserves ids in blocks: before the
 * first id of a block is handed out, the block's end is written durably to
 *
 *   <dataDir>/producer-ids.json    { "version": 1, "nextBlockStart": 2000 }
 *
 * (replaced atomically: temporary file, fsync, rename, fsync of the directory). A restart
 * starts at `nextBlockStart`, so the ids of a block cut short by a crash are skipped,
 * never reused. One write per `blockSize` ids (default 1000). Calls run one at a time. A
 * file that cannot be read is an error, not a reason to start again from 0. An in-memory
 * manager (no dataDir) counts from 0 in memory.
 *
 * It lives in storage because it is about bytes on disk and their durability, next to the
 * data directory's other files (the lock, the topics); the broker's InitProducerId handler
 * and HTTP route both call the one instance.
 */
import { join } from 'node:path';
import { MiniKafkaError } from '@mini-kafka/protocol/core';
import { type FileSystem, hasErrorCode } from '../fs/file-system.js';
import { storageError } from '../fs/io-errors.js';
import { nodeFileSystem } from '../fs/node-file-system.js';
import { SerialQueue } from './serial-queue.js';

export const PRODUCER_IDS_FILE = 'producer-ids.json';
export const DEFAULT_PRODUCER_ID_BLOCK_SIZE = 1000;

export interface ProducerIdManagerOptions {
  /** Where the reservation file lives; none keeps ids in memory only. */
  dataDir?: string;
  fs?: FileSystem;
  /** Ids reserved per durable write. Default 1000. */
  blockSize?: number;
}

function unreadable(path: string, reason: string): MiniKafkaError {
  return new MiniKafkaError('KAFKA_STORAGE_ERROR', `Cannot read the producer id reservation ${path}: ${reason}`);
}

export class ProducerIdManager {
  private readonly queue = new SerialQueue();

  private constructor(
    private readonly fs: FileSystem,
    private readonly path: string | undefined,
    private readonly blockSize: number,
    private next: number,
    private blockEnd: number,
  ) {}

  static async open(options: ProducerIdManagerOptions = {}): Promise<ProducerIdManager> {
    const fs = options.fs ?? nodeFileSystem;
    const blockSize = options.blockSize ?? DEFAULT_PRODUCER_ID_BLOCK_SIZE;
    if (!Number.isSafeInteger(blockSize) || blockSize < 1) {
      throw new MiniKafkaError('INVALID_CONFIG', 'The producer id block size must be a positive integer');
    }
    if (options.dataDir === undefined)
      return new ProducerIdManager(fs, undefined, blockSize, 0, Number.MAX_SAFE_INTEGER);
    const path = join(options.dataDir, PRODUCER_IDS_FILE);
    let start = 0;
    try {
      const data = JSON.parse((await fs.readFile(path)).toString('utf8')) as { nextBlockStart?: unknown };
      if (!Number.isSafeInteger(data.nextBlockStart) || (data.nextBlockStart as number) < 0) {
        throw unreadable(path, 'nextBlockStart is not a non-negative integer');
      }
      start = data.nextBlockStart as number;
    } catch (error) {
      if (!hasErrorCode(error, 'ENOENT')) {
        throw error instanceof MiniKafkaError ? error : unreadable(path, 'not valid JSON');
      }
    }
    // Nothing of [start, ...) was handed out yet: the first call reserves a block from there.
    return new ProducerIdManager(fs, path, blockSize, start, start);
  }

  /** A producer id no caller got before, from this or any earlier run on the same data directory. */
  generate(): Promise<number> {
    return this.queue.run(async () => {
      if (this.next >= this.blockEnd) {
        const end = this.next + this.blockSize;
        if (this.path !== undefined) {
          const file = { version: 1, nextBlockStart: end };
          await this.fs.writeFileAtomic(this.path, Buffer.from(`${JSON.stringify(file)}\n`)).catch((error: unknown) => {
            throw storageError('Cannot reserve producer ids', error);
          });
        }
        this.blockEnd = end;
      }
      return this.next++;
    });
  }
}
