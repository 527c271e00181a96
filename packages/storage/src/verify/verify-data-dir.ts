/**
 * verifyDataDir: checks a broker's data directory offline, the way Kafka's DumpLogSegments
 * checks segments, and answers what it found (verify-report.ts). Every directory with a
 * topic.json is a topic; every partition it declares is checked (verify-partition.ts). A
 * topic.json that cannot be read or is not valid is damage (the broker does not serve that
 * topic, nor lets one be created over it), and so are partition directories beyond the count
 * it names; a directory without topic.json (a creation that never committed) is skipped.
 * It opens every file read-only and takes no lock, so it can run beside a broker, though a
 * tail being written at that moment may look torn. The `mini-kafka verify` command prints
 * the answer; this function is the whole check and can be used on its own:
 *
 *   const report = await verifyDataDir('./data');
 *   if (!report.ok) process.exitCode = 1;
 */
import { join } from 'node:path';
import { isValidTopicName } from '@mini-kafka/protocol/core';
import { parseTopicMetadata, TOPIC_METADATA_FILE } from '../log/topic-metadata.js';
import { nodeReadOnlyFileSystem, type ReadOnlyFileSystem } from './read-only-file-system.js';
import { verifyPartition } from './verify-partition.js';
import type { DataDirVerification, PartitionVerification, TopicVerification, VerifyProblem } from './verify-report.js';

const PARTITION_DIRECTORY = /^(0|[1-9]\d{0,8})$/;

export async function verifyDataDir(
  dataDir: string,
  fs: ReadOnlyFileSystem = nodeReadOnlyFileSystem,
): Promise<DataDirVerification> {
  const report: DataDirVerification = {
    dataDir,
    topics: [],
    skipped: [],
    partitions: 0,
    segments: 0,
    damagedPartitions: 0,
    damagedTopics: 0,
    ok: true,
  };
  const names = (await fs.readdir(dataDir)).sort();
  for (const name of names) {
    const path = join(dataDir, name);
    if (!(await fs.isDirectory(path))) continue;
    if (name.startsWith('~') || !isValidTopicName(name)) {
      report.skipped.push({
        name,
        reason: name.startsWith('~') ? "the broker's own, not a topic" : 'not a topic name',
      });
      continue;
    }
    const found = await partitionsFound(fs, path);
    let metadata: ReturnType<typeof parseTopicMetadata>;
    try {
      metadata = parseTopicMetadata(await fs.readFile(join(path, TOPIC_METADATA_FILE)), name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        report.skipped.push({ name, reason: `no ${TOPIC_METADATA_FILE}` });
        continue;
      }
      const code = (error as NodeJS.ErrnoException).code;
      const why = error instanceof SyntaxError ? 'not valid JSON' : (code ?? (error as Error).message);
      const problem: VerifyProblem = {
        severity: 'damage',
        file: join(name, TOPIC_METADATA_FILE),
        message: `cannot be read (${why}): the broker does not serve this topic (${partitionList(found)}) and refuses to create one of its name`,
      };
      report.topics.push({ name, topicId: undefined, partitions: [], problems: [problem] });
      continue;
    }
    const topic: TopicVerification = { name, topicId: metadata.topicId, partitions: [], problems: [] };
    const beyond = found.filter((partition) => partition >= metadata.partitions);
    if (beyond.length > 0) {
      topic.problems.push({
        severity: 'damage',
        file: join(name, TOPIC_METADATA_FILE),
        message: `names ${metadata.partitions} partition(s) but the topic has ${partitionList(found)}: partitions ${beyond.join(', ')} are not served`,
      });
    }
    for (let partition = 0; partition < metadata.partitions; partition++) {
      topic.partitions.push(await checkPartition(fs, join(path, String(partition)), name, partition));
    }
    report.topics.push(topic);
  }
  for (const partition of report.topics.flatMap((topic) => topic.partitions)) {
    report.partitions++;
    report.segments += partition.segments.length;
    if (partition.damaged) report.damagedPartitions++;
  }
  report.damagedTopics = report.topics.filter((topic) => topic.problems.some((p) => p.severity === 'damage')).length;
  report.ok = report.damagedPartitions === 0 && report.damagedTopics === 0;
  return report;
}

/** The partition numbers of a topic directory (entries named like one that are directories), in order. */
async function partitionsFound(fs: ReadOnlyFileSystem, topicDirectory: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await fs.readdir(topicDirectory)) {
    if (PARTITION_DIRECTORY.test(entry) && (await fs.isDirectory(join(topicDirectory, entry))))
      found.push(Number(entry));
  }
  return found.sort((a, b) => a - b);
}

function partitionList(found: readonly number[]): string {
  return found.length === 0 ? 'no partition directory' : `partition directories ${found.join(', ')}`;
}

/** A partition's check; a directory that is missing or cannot be read is reported, never thrown. */
async function checkPartition(
  fs: ReadOnlyFileSystem,
  directory: string,
  topic: string,
  partition: number,
): Promise<PartitionVerification> {
  try {
    return await verifyPartition(fs, directory, topic, partition);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = code === 'ENOENT' && !(await fs.isDirectory(directory));
    return {
      topic,
      partition,
      directory,
      cleanShutdown: false,
      logStartOffset: 0,
      logEndOffset: 0,
      records: 0,
      bytes: 0,
      segments: [],
      snapshots: 0,
      keptAside: { files: 0, bytes: 0 },
      problems: [
        missing
          ? { severity: 'warning', message: 'no partition directory: the log opens empty' }
          : {
              severity: 'damage',
              message: `cannot be read (${(error as Error).message}): the broker takes this partition offline`,
            },
      ],
      damaged: !missing,
    };
  }
}
