/**
 * verifyDataDir: checks a broker's data directory offline, the way Kafka's DumpLogSegments
 * checks segments, and answers what it found (verify-report.ts). Every directory with a
 * valid topic.json is a topic; every partition it declares is checked (verify-partition.ts).
 * It opens every file read-only and takes no lock, so it can run beside a broker, though a
 * tail being written at that moment may look torn. The `mini-kafka verify` command prints
 * the answer; this function is the whole check and can be used on its own:
 *
 *   const report = await verifyDataDir('./data');
 *   if (!report.ok) process.exitCode = 1;
 */
import { join } from 'node:path';
import { parseTopicMetadata, TOPIC_METADATA_FILE } from '../log/topic-metadata.js';
import { nodeReadOnlyFileSystem, type ReadOnlyFileSystem } from './read-only-file-system.js';
import { verifyPartition } from './verify-partition.js';
import type { DataDirVerification, PartitionVerification, TopicVerification } from './verify-report.js';

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
    ok: true,
  };
  const names = (await fs.readdir(dataDir)).sort();
  for (const name of names) {
    const path = join(dataDir, name);
    if (!(await fs.isDirectory(path))) continue;
    let metadata: ReturnType<typeof parseTopicMetadata>;
    try {
      metadata = parseTopicMetadata(await fs.readFile(join(path, TOPIC_METADATA_FILE)), name);
    } catch (error) {
      const reason = name.startsWith('~')
        ? "the broker's own, not a topic"
        : (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? `no ${TOPIC_METADATA_FILE}`
          : `invalid ${TOPIC_METADATA_FILE}: ${(error as Error).message}`;
      report.skipped.push({ name, reason });
      continue;
    }
    const topic: TopicVerification = { name, topicId: metadata.topicId, partitions: [] };
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
  report.ok = report.damagedPartitions === 0;
  return report;
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
