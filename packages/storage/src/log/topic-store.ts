/**
 * TopicStore: the topics' directories in a data directory, and their metadata files.
 *
 *   <dataDir>/<topic>/topic.json                 metadata (topic-metadata.ts)
 *   <dataDir>/<topic>/<partition>/               one partition log's directory
 *   <dataDir>/<topic>~<uuid>~deleting/           a deleted topic, on its way out
 *
 * topic.json is replaced atomically, and written last when a topic is created (then the
 * data directory is fsynced), so its presence is the commit point. A topic is deleted by
 * renaming its directory aside (durably) and then removing it, so a crash mid-delete leaves
 * no half topic: the next scan removes what is left. Only directories named like a topic
 * are read, so a name can never reach outside the data directory. A creation that fails
 * (a full disk, too many open files) leaves nothing behind: `discard` removes what it made,
 * keeping what was there before. Used by LogManager's topic changes, one at a time.
 *
 * A scan tells a directory without topic.json (a creation that never reached its commit
 * point, which a new creation may reuse) from one whose topic.json cannot be read or does
 * not hold valid metadata (a topic whose records are there but whose description is lost,
 * which nothing may create over). The reason it gives never holds the file's bytes or a path.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { isValidTopicName } from '@mini-kafka/protocol/core';
import { type FileSystem, hasErrorCode } from '../fs/file-system.js';
import {
  parseTopicMetadata,
  serializeTopicMetadata,
  TOPIC_METADATA_FILE,
  type TopicMetadata,
} from './topic-metadata.js';

const DELETING_SUFFIX = '~deleting';

/**
 * A topic directory as a scan finds it: its topic.json (without an id when written before ids),
 * or what is wrong: `missing` when there is no topic.json at all, else it is unreadable.
 */
export type ScannedTopic =
  | { name: string; metadata: Omit<TopicMetadata, 'topicId'> & { topicId: string | undefined } }
  | { name: string; problem: string; missing: boolean };

const PARTITION_DIRECTORY = /^(0|[1-9]\d{0,8})$/;

/** Why topic.json could not be used, in words without its bytes or its path. */
function metadataProblem(error: unknown): string {
  if (error instanceof SyntaxError) return 'not valid JSON';
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return `cannot be read (${code})`;
  return error instanceof Error ? error.message : 'unreadable';
}

export class TopicStore {
  constructor(
    private readonly fs: FileSystem,
    private readonly root: string,
  ) {}

  /** The directory of partition `partition`'s log. */
  partitionDirectory(topic: string, partition: number): string {
    return join(this.root, topic, String(partition));
  }

  /**
   * Every topic directory, in name order, with its topic.json parsed or the reason it could
   * not be; leftovers of deleted topics are removed on the way, other entries ignored.
   */
  async *scan(): AsyncGenerator<ScannedTopic> {
    await this.fs.mkdir(this.root);
    for (const name of (await this.fs.readdir(this.root)).sort()) {
      const path = join(this.root, name);
      if (name.endsWith(DELETING_SUFFIX)) {
        await this.fs.rmdir(path);
        continue;
      }
      if (!isValidTopicName(name) || !(await this.fs.isDirectory(path))) continue;
      let scanned: ScannedTopic;
      try {
        scanned = { name, metadata: parseTopicMetadata(await this.fs.readFile(join(path, TOPIC_METADATA_FILE)), name) };
      } catch (error) {
        const missing = hasErrorCode(error, 'ENOENT');
        scanned = { name, problem: missing ? `no ${TOPIC_METADATA_FILE}` : metadataProblem(error), missing };
      }
      yield scanned;
    }
  }

  /** The partition numbers of topic `name`'s directory (entries named like one that are directories), in order. */
  async partitionsFound(name: string): Promise<number[]> {
    const found: number[] = [];
    for (const entry of (await this.contents(name)) ?? []) {
      if (PARTITION_DIRECTORY.test(entry) && (await this.fs.isDirectory(join(this.root, name, entry))))
        found.push(Number(entry));
    }
    return found.sort((a, b) => a - b);
  }

  /** Replaces a topic's topic.json, atomically. */
  write(metadata: TopicMetadata): Promise<void> {
    return this.fs.writeFileAtomic(
      join(this.root, metadata.name, TOPIC_METADATA_FILE),
      serializeTopicMetadata(metadata),
    );
  }

  /** Commits a new topic, whose partition directories exist: its topic.json, then the data directory, durably. */
  async create(metadata: TopicMetadata): Promise<void> {
    await this.write(metadata);
    await this.fs.syncDirectory(this.root);
  }

  /** The entries of topic `name`'s directory now, or undefined when it has none: what `discard` is to keep. */
  async contents(name: string): Promise<readonly string[] | undefined> {
    try {
      return await this.fs.readdir(join(this.root, name));
    } catch (error) {
      if (hasErrorCode(error, 'ENOENT') || hasErrorCode(error, 'ENOTDIR')) return undefined;
      throw error;
    }
  }

  /**
   * Removes what a failed topic creation or partition addition made in topic `name`'s
   * directory: all of it when there was none before (`before` undefined), else every entry
   * not in `before` (partition directories, a half-written topic.json's temporary file).
   */
  async discard(name: string, before: readonly string[] | undefined): Promise<void> {
    const directory = join(this.root, name);
    if (before === undefined) {
      await this.fs.rmdir(directory);
    } else {
      const kept = new Set(before);
      for (const entry of await this.fs.readdir(directory)) {
        if (!kept.has(entry)) await this.fs.rmdir(join(directory, entry));
      }
    }
    await this.fs.syncDirectory(this.root);
  }

  /** Deletes a topic's directory: renamed aside (durably) first, then removed. */
  async delete(name: string): Promise<void> {
    const doomed = join(this.root, `${name}~${randomUUID()}${DELETING_SUFFIX}`);
    await this.fs.rename(join(this.root, name), doomed);
    await this.fs.syncDirectory(this.root);
    await this.fs.rmdir(doomed);
  }
}
