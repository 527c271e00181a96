/**
 * Crash test: a child process (src/testing/crash-writer.ts) appends to a Log with flush
 * `always` from several concurrent loops and prints an ack per record once its append
 * resolved; the test SIGKILLs it after some hundreds of acks, reopens the directory
 * and checks that recovery kept every acknowledged record, byte for byte, with
 * contiguous offsets, and that the log takes appends again. A second scenario also
 * appends garbage to the tail segment, as a torn write would leave it.
 *
 * Every choice the test makes comes from one seed (MINI_KAFKA_TEST_SEED, else a random one,
 * shown in the suite's name): how many acks to wait for before the kill, how many records
 * each of the child's appends holds, the garbage of a torn tail. Replay a failure with
 * `MINI_KAFKA_TEST_SEED=<seed> npx vitest run src/log/crash.test.ts`. The scheduling of the
 * child's concurrent appends and the instant the kill lands still vary, as in a real crash.
 */
import { spawn } from 'node:child_process';
import { appendFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SeededRandom, TEST_SEED_VARIABLE, TempDirs, testSeed } from '@mini-kafka/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StoredRecord } from '../record-batch/record.js';
import { type Ack, parseAck, valueFor } from '../testing/crash-records.js';
import { Log } from './log.js';

const PACKAGE_DIRECTORY = fileURLToPath(new URL('../..', import.meta.url));
const WRITER_SCRIPT = fileURLToPath(new URL('../testing/crash-writer.ts', import.meta.url));
// Resolved here, so the child finds tsx whatever its working directory.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const SEGMENT_BYTES = 64 * 1024;
// A safety net only: on a loaded machine the writer may need far longer to reach its kill
// point, and a kill by this limit fails the test as "too few acks" rather than proving anything.
const CHILD_TIME_LIMIT_MS = 100_000;
const TEST_TIMEOUT_MS = CHILD_TIME_LIMIT_MS + 20_000;
const KEY_PATTERN = /^w(\d+)-(\d+)$/;
const SEED = testSeed();

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

interface WriterRun {
  acks: Ack[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the writer in `directory` (its choices seeded by `writerSeed`) and SIGKILLs it once `killAfter` acks were read. */
function runWriterUntilKilled(directory: string, writerSeed: number, killAfter: number): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@mini-kafka/source', '--import', TSX_LOADER, WRITER_SCRIPT, directory, String(writerSeed)],
      { cwd: PACKAGE_DIRECTORY, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const acks: Ack[] = [];
    let pending = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIME_LIMIT_MS);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      // The last piece has no newline yet: a line cut short by the kill is never parsed.
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const ack = parseAck(line);
        if (ack === undefined) {
          reject(new Error(`unexpected line from the writer: ${line.slice(0, 200)}`));
          child.kill('SIGKILL');
          return;
        }
        acks.push(ack);
      }
      if (acks.length >= killAfter && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      resolve({ acks, signal, stderr });
    });
  });
}

async function readAll(log: Log): Promise<StoredRecord[]> {
  const records: StoredRecord[] = [];
  let offset = log.logStartOffset;
  while (offset < log.highWatermark) {
    const result = await log.read(offset, { maxBytes: 256 * 1024 });
    if (result.nextOffset <= offset) throw new Error(`read at ${offset} made no progress`);
    records.push(...result.records);
    offset = result.nextOffset;
  }
  return records;
}

/** Every way in which the recovered records disagree with the acks and with each other. */
function findProblems(records: readonly StoredRecord[], acks: readonly Ack[], logEndOffset: number): string[] {
  const problems: string[] = [];
  if (records.length !== logEndOffset) problems.push(`read ${records.length} records, logEndOffset is ${logEndOffset}`);
  const keys = new Set<string>();
  const sequencesByWriter = new Map<number, number[]>();
  records.forEach((record, index) => {
    if (record.offset !== index) problems.push(`record #${index} has offset ${record.offset}`);
    const key = record.key?.toString('latin1') ?? '<null>';
    const match = KEY_PATTERN.exec(key);
    if (match === null) {
      problems.push(`offset ${record.offset}: unexpected key ${key.slice(0, 40)}`);
      return;
    }
    if (keys.has(key)) problems.push(`offset ${record.offset}: key ${key} stored twice`);
    keys.add(key);
    if (record.value === null || !record.value.equals(valueFor(key)))
      problems.push(`offset ${record.offset}: wrong value for ${key}`);
    const writer = Number(match[1]);
    const sequences = sequencesByWriter.get(writer) ?? [];
    sequences.push(Number(match[2]));
    sequencesByWriter.set(writer, sequences);
  });
  // Each writer has one append in flight at a time, so the log holds a prefix of its records, in order.
  for (const [writer, sequences] of sequencesByWriter) {
    const hole = sequences.findIndex((sequence, index) => sequence !== index);
    if (hole >= 0) problems.push(`writer ${writer}: record #${hole} is sequence ${sequences[hole]}`);
  }
  const ackedOffsets = new Set<number>();
  for (const ack of acks) {
    if (ackedOffsets.has(ack.offset)) problems.push(`offset ${ack.offset} acknowledged twice`);
    ackedOffsets.add(ack.offset);
    const record = records[ack.offset];
    if (record === undefined) {
      problems.push(`acknowledged offset ${ack.offset} (${ack.key}) is lost`);
      continue;
    }
    const key = record.key?.toString('latin1');
    if (key !== ack.key) problems.push(`acknowledged offset ${ack.offset} holds ${key ?? '<null>'}, not ${ack.key}`);
    if (ack.valueLength !== valueFor(ack.key).length) problems.push(`ack for ${ack.key} names a wrong value length`);
  }
  return problems;
}

/**
 * Kills a writer after `base` acks and up to a hundred more (so that every run kills at a
 * different moment), optionally tears the tail, and checks the recovered log. `random`
 * makes every choice.
 */
async function crashAndRecover(random: SeededRandom, base: number, tearTail: boolean): Promise<void> {
  const directory = await dirs.make('mini-kafka-crash-');
  const killAfter = base + random.int(100);
  const run = await runWriterUntilKilled(directory, random.uint32(), killAfter);
  expect(run.stderr).toBe('');
  expect(run.signal, `the writer should have been killed after ${killAfter} acks`).toBe('SIGKILL');
  expect(run.acks.length, `the writer was stopped by the ${CHILD_TIME_LIMIT_MS} ms limit`).toBeGreaterThanOrEqual(
    killAfter,
  );

  let garbageBytes = 0;
  if (tearTail) {
    const logFiles = (await readdir(directory)).filter((name) => /^\d{20}\.log$/.test(name)).sort();
    const tail = logFiles[logFiles.length - 1];
    expect(tail).toBeDefined();
    const garbage = random.bytes(1 + random.int(200));
    garbageBytes = garbage.length;
    await appendFile(join(directory, tail!), garbage);
  }

  const context = `seed ${SEED}: killed after ${run.acks.length} acks${tearTail ? `, ${garbageBytes} garbage bytes` : ''}`;
  const log = await Log.open({ directory, config: { flush: 'always', segmentBytes: SEGMENT_BYTES } });
  let end: number;
  try {
    expect(log.loadReport.cleanShutdown, context).toBe(false);
    if (tearTail) expect(log.loadReport.truncatedBytes, context).toBeGreaterThanOrEqual(garbageBytes);
    expect(log.segmentCount, `${context}: segments should have rolled`).toBeGreaterThan(1);
    expect(log.logStartOffset).toBe(0);
    expect(log.highWatermark).toBe(log.logEndOffset);
    end = log.logEndOffset;
    const records = await readAll(log);
    expect(findProblems(records, run.acks, end).slice(0, 20), context).toEqual([]);

    const appended = await log.append([{ key: 'after-recovery', value: 'still writable' }]);
    expect(appended.baseOffset, context).toBe(end);
    const [readBack] = (await log.read(end)).records;
    expect(readBack?.offset).toBe(end);
    expect(readBack?.key?.toString()).toBe('after-recovery');
  } finally {
    await log.close();
  }

  const reopened = await Log.open({ directory });
  try {
    expect(reopened.loadReport.cleanShutdown).toBe(true);
    expect(reopened.logEndOffset).toBe(end + 1);
  } finally {
    await reopened.close();
  }
}

describe(`Log after SIGKILL of a writer with flush "always" (${TEST_SEED_VARIABLE}=${SEED})`, () => {
  beforeAll(() => {
    console.info(
      `crash test seed ${SEED}: replay with ${TEST_SEED_VARIABLE}=${SEED} npx vitest run src/log/crash.test.ts`,
    );
  });

  it.each([200, 700, 1500])(
    'keeps every acknowledged record (kill after ~%i acks)',
    async (base) => {
      await crashAndRecover(SeededRandom.derive(SEED, `kill-${base}`), base, false);
    },
    TEST_TIMEOUT_MS,
  );

  it.each([400, 1200])(
    'cuts a torn tail and keeps every acknowledged record (kill after ~%i acks)',
    async (base) => {
      await crashAndRecover(SeededRandom.derive(SEED, `torn-${base}`), base, true);
    },
    TEST_TIMEOUT_MS,
  );
});
