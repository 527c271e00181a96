/**
 * What a restarted broker shows about damage, apart from what it serves (corruption-reads.ts):
 * - `startupFindings`: its warn and error log lines up to `storage scrub finished` (or
 *   `broker ready` when there is none; pino levels 40, 50), the lines an operator reads after
 *   a start and the background scrub that follows it;
 * - `describePartitions`: each partition's `partitionDetails` entry from GET /v1/topics/<t>
 *   (offsets, `damage`, `offline`), or `undefined` for a topic the broker does not know;
 * - `runVerify`: `mini-kafka verify --data-dir <dir> --json` run as its own process on the
 *   built broker (apps/broker/dist), its exit code and report;
 * - `committedOffsets`: every group's committed offsets over /v1.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DataDirVerification, PartitionStatus } from '@mini-kafka/storage';
import type { LogLine } from '../support/brokers.js';
import { call } from '../support/json-call.js';

const brokerMain = fileURLToPath(new URL('../../../../apps/broker/dist/main.js', import.meta.url));

export const WARN = 40;
export const ERROR = 50;

export const SCRUB_FINISHED = 'storage scrub finished';

/** The warn and error lines logged before the broker's scrub finished (or, without one, before it was ready). */
export function startupFindings(lines: readonly LogLine[]): LogLine[] {
  const scrubbed = lines.findIndex((line) => line.msg === SCRUB_FINISHED);
  const end = scrubbed < 0 ? lines.findIndex((line) => line.msg === 'broker ready') : scrubbed;
  return (end < 0 ? lines : lines.slice(0, end)).filter((line) => (line.level ?? 0) >= WARN);
}

/** Each partition's status as the topic description shows it; `undefined` when the topic is unknown (404). */
export async function describePartitions(url: string, topic: string): Promise<PartitionStatus[] | undefined> {
  const { status, body } = await call(url, 'GET', `/v1/topics/${topic}`);
  if (status === 404) return undefined;
  if (status !== 200) throw new Error(`GET /v1/topics/${topic} answered ${status}`);
  return body.partitionDetails;
}

export interface VerifyRun {
  exitCode: number | null;
  report: DataDirVerification | undefined;
  stderr: string;
}

/** `mini-kafka verify --data-dir <dataDir> --json`, as an operator runs it with the broker stopped. */
export function runVerify(dataDir: string): Promise<VerifyRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [brokerMain, 'verify', '--data-dir', dataDir, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (exitCode) => {
      const text = Buffer.concat(out).toString('utf8');
      let report: DataDirVerification | undefined;
      try {
        report = JSON.parse(text) as DataDirVerification;
      } catch {
        report = undefined;
      }
      resolve({ exitCode, report, stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** The committed offsets of `groups`, as `group topic/partition` → offset. */
export async function committedOffsets(url: string, groups: readonly string[]): Promise<Map<string, number>> {
  const offsets = new Map<string, number>();
  for (const group of groups) {
    const { status, body } = await call(url, 'GET', `/v1/groups/${group}/offsets`);
    if (status === 404) continue;
    if (status !== 200) throw new Error(`GET /v1/groups/${group}/offsets answered ${status}`);
    for (const entry of body.offsets) offsets.set(`${group} ${entry.topic}/${entry.partition}`, entry.offset);
  }
  return offsets;
}
