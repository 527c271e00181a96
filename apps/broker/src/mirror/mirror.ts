/**
 * `mini-kafka mirror`'s work, apart from its flags: creates the destination's missing topics
 * (the source's partition count and topic overrides), copies every partition of the chosen
 * topics (copy-partition.ts), then the chosen groups' offsets translated (group-offsets.ts).
 * With `follow`, does it again every `pollMs` until the signal fires: the batch in flight
 * finishes, its state is written, and the run resolves. Progress lines go to `progress` every second.
 */

import { CommandFailed } from '../cli/exit-codes.js';
import type { ClusterClient } from '../cluster/cluster-client.js';
import { createTopic, listTopics } from '../cluster/topic-admin.js';
import { type CopyLimits, copyPartition } from './copy-partition.js';
import { commitGroupOffsets, translateGroupOffsets } from './group-offsets.js';
import type { MirrorSource, SourceTopic } from './mirror-source.js';
import type { MirrorState } from './mirror-state.js';
import { MirrorProgress } from './progress.js';

export interface MirrorOptions {
  source: MirrorSource;
  dest: ClusterClient;
  state: MirrorState;
  topics?: RegExp;
  groups?: RegExp;
  follow?: boolean;
  force?: boolean;
  pollMs?: number;
  limits?: CopyLimits;
  signal?: AbortSignal;
  /** Where progress lines go (stderr in the CLI). */
  progress?: (line: string) => void;
  progressIntervalMs?: number;
}

export interface MirrorSummary {
  topics: number;
  topicsCreated: number;
  recordsCopied: number;
  groupOffsets: number;
}

export async function runMirror(options: MirrorOptions): Promise<MirrorSummary> {
  const { source, dest, state, signal } = options;
  const progress = new MirrorProgress();
  const print = options.progress;
  const timer =
    print === undefined ? undefined : setInterval(() => print(progress.line()), options.progressIntervalMs ?? 1000);
  timer?.unref();
  const summary: MirrorSummary = { topics: 0, topicsCreated: 0, recordsCopied: 0, groupOffsets: 0 };
  try {
    do {
      const topics = (await source.topics()).filter((topic) => options.topics?.test(topic.name) ?? true);
      summary.topics = topics.length;
      summary.topicsCreated += await createMissingTopics(dest, topics);
      for (const topic of topics) {
        for (let partition = 0; partition < topic.partitions && !aborted(signal); partition++) {
          await copyPartition({
            topic: topic.name,
            partition,
            source,
            dest,
            state,
            force: options.force === true,
            limits: options.limits,
            signal,
            onCopied: (name, count) => progress.recordCopied(name, count),
          });
          const { end } = await source.bounds(topic.name, partition);
          progress.setLag(
            topic.name,
            partition,
            Math.max(0, end - (state.get(topic.name, partition)?.next.sourceOffset ?? 0)),
          );
        }
      }
      if (aborted(signal)) break;
      const translated = translateGroupOffsets(await source.groupOffsets(), state, options.groups ?? /.*/);
      await commitGroupOffsets(dest, translated);
      summary.groupOffsets = translated.length;
      if (options.follow === true) await sleep(options.pollMs ?? 1000, signal);
    } while (options.follow === true && !aborted(signal));
  } finally {
    if (timer !== undefined) clearInterval(timer);
    summary.recordsCopied = progress.recordsCopied;
    print?.(progress.line());
  }
  return summary;
}

/** Creates the topics the destination lacks; one with fewer partitions than the source's is an error. */
async function createMissingTopics(dest: ClusterClient, topics: readonly SourceTopic[]): Promise<number> {
  const existing = new Map((await listTopics(dest)).map((topic) => [topic.name, topic.partitions]));
  let created = 0;
  for (const topic of topics) {
    const partitions = existing.get(topic.name);
    if (partitions === undefined) {
      await createTopic(dest, { name: topic.name, partitions: topic.partitions, configs: topic.configs });
      created += 1;
    } else if (partitions < topic.partitions) {
      throw new CommandFailed(
        `${topic.name} has ${partitions} partitions in the destination and ${topic.partitions} in the source`,
      );
    }
  }
  return created;
}

function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
