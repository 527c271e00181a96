/**
 * `mini-kafka verify [--data-dir DIR] [--json]`: checks a data directory offline, as
 * Kafka's DumpLogSegments does, and prints what it found. The checks are the storage
 * package's `verifyDataDir` (topics and partitions) and the coordinator's
 * `verifyOffsetsStore` (`~coordinator`, read as the store reads it at open), both opening
 * files read-only and taking no lock, and the check of the groups' commits against the log
 * ends (verify-commits.ts); this file only parses the flags, puts the reports together and
 * prints: a line per partition (offsets, records, segments, size, state) with
 * its problems under it, then the offsets store's, or with --json the whole report.
 *
 * The data directory is `--data-dir`, else MINI_KAFKA_DATA_DIR, else ./data (the broker's
 * own default). Exit codes: 0 no damage (warnings may be printed), 1 damage found,
 * 2 a usage error or a data directory that cannot be read.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { COORDINATOR_DIRECTORY, type OffsetsStoreVerification, verifyOffsetsStore } from '@mini-kafka/coordinator';
import {
  type DataDirVerification,
  type PartitionVerification,
  type VerifyProblem,
  verifyDataDir,
} from '@mini-kafka/storage';
import { checkCommitsAgainstLogs } from './verify-commits.js';

/** What the command reports: the storage check, and the offsets store's (no longer among `skipped`). */
export interface BrokerVerification extends DataDirVerification {
  offsetsStore: OffsetsStoreVerification;
}

export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: CommandOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export function verifyUsage(): string {
  return [
    'Usage: mini-kafka verify [--data-dir DIR] [--json]',
    '',
    'Checks every topic, partition and segment of a data directory without changing it:',
    'batch framing and CRC, offsets that follow on within and across segments, index',
    'entries against the log, producer snapshots, topic metadata, and the offsets store',
    '(~coordinator) read as the broker reads it. Exits 1 when it finds damage.',
    '',
    '  --data-dir DIR   MINI_KAFKA_DATA_DIR, default ./data',
    '  --json           print the whole report as JSON',
  ].join('\n');
}

/** Runs the command; resolves to the process exit code. */
export async function runVerifyCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  out: CommandOutput = processOutput,
): Promise<number> {
  let values: { 'data-dir'?: string; json?: boolean; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    out.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${verifyUsage()}\n`);
    return 2;
  }
  if (values.help === true) {
    out.stdout(`${verifyUsage()}\n`);
    return 0;
  }
  return runVerify(values['data-dir'] ?? env.MINI_KAFKA_DATA_DIR ?? './data', values.json === true, out);
}

/** Checks `dataDir` and prints the report (as JSON with `json`); resolves to the process exit code. */
export async function runVerify(dir: string, json: boolean, out: CommandOutput = processOutput): Promise<number> {
  const dataDir = resolve(dir);
  let report: BrokerVerification;
  try {
    report = await verifyBrokerDataDir(dataDir);
  } catch (error) {
    out.stderr(
      `mini-kafka verify: cannot read ${dataDir}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  out.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : formatVerifyReport(report));
  return report.ok ? 0 : 1;
}

/** Both checks of a data directory, as one report: damage in either makes it not ok. */
export async function verifyBrokerDataDir(dataDir: string): Promise<BrokerVerification> {
  const [topics, offsetsStore] = await Promise.all([verifyDataDir(dataDir), verifyOffsetsStore(dataDir)]);
  const partitions = topics.topics.flatMap((topic) => topic.partitions);
  const lost = checkCommitsAgainstLogs(partitions, offsetsStore.commits);
  return {
    ...topics,
    skipped: topics.skipped.filter((skipped) => skipped.name !== COORDINATOR_DIRECTORY),
    offsetsStore,
    ok: topics.ok && !offsetsStore.damaged && !lost,
  };
}

/** The human report: a heading, a line per partition with its problems under it, the offsets store, a verdict. */
export function formatVerifyReport(report: BrokerVerification): string {
  const partitions = report.topics.flatMap((topic) => topic.partitions);
  const lines = [
    `${report.dataDir}: ${count(report.topics.length, 'topic')}, ${count(report.partitions, 'partition')}, ${count(report.segments, 'segment')}`,
    '',
  ];
  const width = Math.max(0, ...partitions.map((p) => `${p.topic}-${p.partition}`.length));
  for (const topic of report.topics) {
    for (const problem of topic.problems) {
      lines.push(`${topic.name}  ${problem.severity.toUpperCase()}  ${problem.file ?? ''}: ${problem.message}`);
    }
  }
  for (const partition of partitions) {
    lines.push(partitionLine(partition, width));
    for (const problem of partition.problems) lines.push(problemLine(problem));
    const { files, bytes } = partition.keptAside;
    if (files > 0)
      lines.push(
        `    kept     ${count(files, 'file')} (${size(bytes)}) of damaged bytes in damaged/, from earlier recoveries`,
      );
  }
  const store = report.offsetsStore;
  const storeState = store.damaged ? 'DAMAGED' : 'ok';
  lines.push(
    `offsets store (${store.directory})  ${storeState.padEnd(7)}  ${store.present ? count(store.records, 'record') : 'none yet'}`,
  );
  for (const problem of store.problems) lines.push(problemLine(problem));
  for (const skipped of report.skipped) lines.push(`skipped ${skipped.name} (${skipped.reason})`);
  lines.push(
    '',
    report.ok
      ? `No damage found in ${count(report.partitions, 'partition')} and the offsets store.`
      : `${report.damagedPartitions} of ${count(report.partitions, 'partition')} damaged` +
          `${report.damagedTopics > 0 ? `, ${count(report.damagedTopics, 'topic')} with damaged metadata` : ''}` +
          `${store.damaged ? ', the offsets store damaged' : ''}.`,
  );
  return `${lines.join('\n')}\n`;
}

function problemLine(problem: VerifyProblem): string {
  const where =
    problem.file === undefined
      ? ''
      : `${problem.file}${problem.position === undefined ? '' : ` byte ${problem.position}`}: `;
  return `    ${problem.severity.padEnd(8)} ${where}${problem.message}`;
}

function partitionLine(partition: PartitionVerification, width: number): string {
  const name = `${partition.topic}-${partition.partition}`.padEnd(width);
  const state = partition.damaged ? 'DAMAGED' : 'ok';
  const { logStartOffset: start, logEndOffset: end } = partition;
  const offsets = end > start ? `offsets ${start} to ${end - 1}` : `empty at offset ${end}`;
  const facts = [
    offsets,
    count(partition.records, 'record'),
    count(partition.segments.length, 'segment'),
    size(partition.bytes),
  ];
  return `${name}  ${state.padEnd(7)}  ${facts.join(', ')}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
