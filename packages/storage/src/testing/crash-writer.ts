/**
 * Child process of the crash test: appends to a Log until it is killed.
 *
 *   node --conditions=@mini-kafka/source --import tsx crash-writer.ts <directory> <seed> [writers]
 *
 * Opens the log with flush `always` and small segments (so rolls happen), then runs
 * `writers` (default 4) concurrent append loops, each awaiting `log.append` of 1 to 20
 * records, so several appends share each group-commit fdatasync. How many records each
 * append holds comes from `seed`, one stream per writer, so a run's appends replay exactly. Only after an append
 * resolved does it print one ack line per record (see crash-records.ts), so every line
 * the parent reads names a record the log promised to keep. It never stops on its own
 * before the parent kills it, except after a safety time limit or a failed append
 * (exit code 1, the error on stderr).
 */

import { SeededRandom } from '@mini-kafka/testing';
import { Log } from '../log/log.js';
import { formatAck, keyFor, valueFor } from './crash-records.js';

const SEGMENT_BYTES = 64 * 1024;
const MAX_RECORDS_PER_APPEND = 20;
const SAFETY_LIMIT_MS = 60_000;

async function writerLoop(log: Log, writer: number, seed: number, deadline: number): Promise<void> {
  const random = SeededRandom.derive(seed, `writer-${writer}`);
  let sequence = 0;
  while (Date.now() < deadline) {
    const count = 1 + random.int(MAX_RECORDS_PER_APPEND);
    const records = [];
    for (let i = 0; i < count; i++) {
      const key = keyFor(writer, sequence++);
      records.push({ key, value: valueFor(key) });
    }
    const result = await log.append(records);
    let lines = '';
    for (let i = 0; i < count; i++) {
      const record = records[i]!;
      lines += `${formatAck(result.baseOffset + i, record.key, record.value)}\n`;
    }
    process.stdout.write(lines);
  }
}

async function main(): Promise<void> {
  const [directory, seedArgument, writersArgument] = process.argv.slice(2);
  const seed = Number(seedArgument);
  if (directory === undefined || !Number.isSafeInteger(seed)) {
    throw new Error('usage: crash-writer.ts <directory> <seed> [writers]');
  }
  const writers = Number(writersArgument ?? 4);
  // A parent that died cannot kill us: a closed stdout ends the run.
  process.stdout.on('error', () => process.exit(3));
  const log = await Log.open({ directory, config: { flush: 'always', segmentBytes: SEGMENT_BYTES } });
  const deadline = Date.now() + SAFETY_LIMIT_MS;
  await Promise.all(Array.from({ length: writers }, (_, writer) => writerLoop(log, writer, seed, deadline)));
  await log.close();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `crash-writer failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
