/**
 * Append and read throughput of the file Log, next to the raw ceiling of the same disk.
 *
 *   pnpm --filter @mini-kafka/storage bench
 *
 * For each flush policy (`always`, `never`) and each of BENCH_RUNS runs (default 3), in a
 * fresh temp directory:
 * - raw append: the 1,000 pre-encoded batches written back to back with a plain
 *   node:fs/promises FileHandle, fdatasync after each for `always`, none for `never`;
 * - Log.append: 1,000 sequential appends of 1,000 RecordInputs (100-byte values, no key),
 *   so each call encodes a batch;
 * - Log.appendBatch: the same 1,000 pre-encoded batches (checked, then written);
 * - raw read: the raw file read back in 1 MiB chunks;
 * - Log.read (decoded) and Log.readRaw: `maxBytes` 1 MiB from offset 0 to logEndOffset.
 * Only the loops are timed: opening, the final sync of a `never` file and closing are not;
 * the three appends run in a different order in each run.
 * The table shows medians over the runs; "vs raw" is the median of each run's ratio to the
 * raw append (or raw read) of the same run and policy, which a drifting disk disturbs less.
 * MB are 10^6 bytes of batches (what lands on disk).
 *
 * Environment: BENCH_RUNS (default 3), BENCH_RECORDS (default 1,000,000; a multiple of
 * 1,000), BENCH_POLICIES (default "always,never").
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeRecordBatch, type FlushPolicy, Log, type RecordInput } from '../src/index.js';

const BATCH_RECORDS = 1_000;
const VALUE_BYTES = 100;
const SEGMENT_BYTES = 256 * 1024 * 1024;
const READ_MAX_BYTES = 1024 * 1024;
/** Distinct record arrays the appends rotate through: 1.6 MB of values, not one hot 100 KB. */
const RECORD_SETS = 16;
const APPEND_TARGET = 0.7;
const READ_TARGET_RECORDS_PER_SECOND = 1_000_000;

function positiveInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

const RUNS = positiveInteger('BENCH_RUNS', 3);
const RECORDS = positiveInteger('BENCH_RECORDS', 1_000_000);
if (RECORDS % BATCH_RECORDS !== 0) throw new Error(`BENCH_RECORDS must be a multiple of ${BATCH_RECORDS}`);
const BATCHES = RECORDS / BATCH_RECORDS;
const POLICIES = (process.env.BENCH_POLICIES ?? 'always,never')
  .split(',')
  .map((policy) => policy.trim()) as FlushPolicy[];

interface Sample {
  records: number;
  bytes: number;
  seconds: number;
}

type Case = 'raw-append' | 'log-append' | 'log-append-batch' | 'raw-read' | 'log-read' | 'log-read-raw';
type Samples = Map<string, Sample[]>;

function makeRecordSets(): RecordInput[][] {
  const pool = randomBytes(RECORD_SETS * BATCH_RECORDS * VALUE_BYTES);
  return Array.from({ length: RECORD_SETS }, (_, set) =>
    Array.from({ length: BATCH_RECORDS }, (_, i) => {
      const start = (set * BATCH_RECORDS + i) * VALUE_BYTES;
      return { value: pool.subarray(start, start + VALUE_BYTES) };
    }),
  );
}

async function timed(records: number, bytes: number, body: () => Promise<void>): Promise<Sample> {
  const start = performance.now();
  await body();
  return { records, bytes, seconds: (performance.now() - start) / 1000 };
}

async function rawAppend(
  path: string,
  batches: readonly Buffer[],
  policy: FlushPolicy,
  bytes: number,
): Promise<Sample> {
  const handle = await open(path, 'w+');
  try {
    let position = 0;
    const sample = await timed(RECORDS, bytes, async () => {
      for (const batch of batches) {
        let written = 0;
        while (written < batch.length) {
          const result = await handle.write(batch, written, batch.length - written, position + written);
          written += result.bytesWritten;
        }
        position += batch.length;
        if (policy === 'always') await handle.datasync();
      }
    });
    await handle.datasync(); // untimed: leave no dirty pages to the next case
    return sample;
  } finally {
    await handle.close();
  }
}

async function rawRead(path: string, bytes: number): Promise<Sample> {
  const handle = await open(path, 'r');
  try {
    return await timed(RECORDS, bytes, async () => {
      let position = 0;
      while (position < bytes) {
        const buffer = Buffer.allocUnsafe(READ_MAX_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, READ_MAX_BYTES, position);
        if (bytesRead === 0) throw new Error('raw file is short');
        position += bytesRead;
      }
    });
  } finally {
    await handle.close();
  }
}

async function readDecoded(log: Log, bytes: number): Promise<Sample> {
  let records = 0;
  const sample = await timed(RECORDS, bytes, async () => {
    let offset = 0;
    while (offset < log.logEndOffset) {
      const result = await log.read(offset, { maxBytes: READ_MAX_BYTES });
      records += result.records.length;
      offset = result.nextOffset;
    }
  });
  if (records !== RECORDS) throw new Error(`Log.read returned ${records} records, not ${RECORDS}`);
  return sample;
}

async function readRaw(log: Log): Promise<Sample> {
  let bytes = 0;
  const sample = await timed(RECORDS, 0, async () => {
    let offset = 0;
    while (offset < log.logEndOffset) {
      const result = await log.readRaw(offset, { maxBytes: READ_MAX_BYTES });
      bytes += result.size;
      offset = result.nextOffset;
    }
  });
  return { ...sample, bytes };
}

async function runPolicy(
  policy: FlushPolicy,
  run: number,
  recordSets: RecordInput[][],
  batches: Buffer[],
  samples: Samples,
): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), `mini-kafka-bench-${policy}-`));
  const add = (name: Case, sample: Sample): void => {
    const key = `${policy}:${name}`;
    samples.set(key, [...(samples.get(key) ?? []), sample]);
  };
  const bytes = batches.reduce((sum, batch) => sum + batch.length, 0);
  const config = { flush: policy, segmentBytes: SEGMENT_BYTES };
  const rawPath = join(directory, 'raw.bin');
  const recordsLog = await Log.open({ directory: join(directory, 'records'), config });
  const bytesLog = await Log.open({ directory: join(directory, 'bytes'), config });
  try {
    const appends: Array<() => Promise<void>> = [
      async () => add('raw-append', await rawAppend(rawPath, batches, policy, bytes)),
      async () => {
        add(
          'log-append',
          await timed(RECORDS, bytes, async () => {
            for (let i = 0; i < BATCHES; i++) await recordsLog.append(recordSets[i % RECORD_SETS]!);
          }),
        );
        await recordsLog.flush(); // untimed, as for the raw file
        if (recordsLog.size !== bytes) throw new Error(`Log.append stored ${recordsLog.size} bytes, expected ${bytes}`);
      },
      async () => {
        add(
          'log-append-batch',
          await timed(RECORDS, bytes, async () => {
            for (const batch of batches) await bytesLog.appendBatch(batch);
          }),
        );
        await bytesLog.flush();
      },
    ];
    // Each run starts with a different case, so no case always runs first (or last).
    for (let i = 0; i < appends.length; i++) await appends[(run + i) % appends.length]!();

    add('raw-read', await rawRead(rawPath, bytes));
    add('log-read', await readDecoded(recordsLog, bytes));
    add('log-read-raw', await readRaw(recordsLog));
  } finally {
    await recordsLog.close();
    await bytesLog.close();
    await rm(directory, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const recordsPerSecond = (sample: Sample): number => sample.records / sample.seconds;
const megabytesPerSecond = (sample: Sample): number => sample.bytes / 1e6 / sample.seconds;
const millions = (value: number): string => `${(value / 1e6).toFixed(2)} M`;

const LABELS: Record<Case, string> = {
  'raw-append': 'raw FileHandle append (ceiling)',
  'log-append': 'Log.append (encode 1,000 records)',
  'log-append-batch': 'Log.appendBatch (pre-encoded)',
  'raw-read': 'raw FileHandle read 1 MiB (ceiling)',
  'log-read': 'Log.read (decoded, 1 MiB)',
  'log-read-raw': 'Log.readRaw (1 MiB)',
};

function printTable(samples: Samples, encodeSamples: Sample[]): void {
  const header = ['flush', 'case', 'records/s', 'MB/s', 'vs raw', 'spread (records/s)', 'target', 'result'];
  const rows: string[][] = [];
  for (const policy of POLICIES) {
    const rate = (name: Case): number => median((samples.get(`${policy}:${name}`) ?? []).map(recordsPerSecond));
    for (const name of Object.keys(LABELS) as Case[]) {
      const list = samples.get(`${policy}:${name}`) ?? [];
      const recordRate = rate(name);
      const ceilings = (samples.get(`${policy}:${name.includes('read') ? 'raw-read' : 'raw-append'}`) ?? []).map(
        recordsPerSecond,
      );
      const rates = list.map(recordsPerSecond);
      // Paired: each run's figure against the same run's ceiling, then the median.
      const ratio = median(rates.map((value, run) => value / ceilings[run]!));
      let target = 'ceiling';
      let result = '';
      if (name === 'log-append' || name === 'log-append-batch') {
        target = `>= ${APPEND_TARGET * 100}% raw`;
        result = ratio >= APPEND_TARGET ? 'ok' : 'SHORT';
      } else if (name === 'log-read' || name === 'log-read-raw') {
        target = `>= ${millions(READ_TARGET_RECORDS_PER_SECOND)} rec/s`;
        result = recordRate >= READ_TARGET_RECORDS_PER_SECOND ? 'ok' : 'SHORT';
      }
      rows.push([
        policy,
        LABELS[name],
        millions(recordRate),
        median(list.map(megabytesPerSecond)).toFixed(0),
        `${(ratio * 100).toFixed(0)}%`,
        `${millions(Math.min(...rates))} .. ${millions(Math.max(...rates))}`,
        target,
        result,
      ]);
    }
  }
  const encodeRate = median(encodeSamples.map(recordsPerSecond));
  const encodeMb = median(encodeSamples.map(megabytesPerSecond));
  rows.push(['-', 'encodeRecordBatch alone (CPU, no I/O)', millions(encodeRate), encodeMb.toFixed(0), '', '', '', '']);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

async function warmUp(recordSets: RecordInput[][], batches: Buffer[]): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'mini-kafka-bench-warmup-'));
  try {
    const log = await Log.open({ directory, config: { flush: 'never', segmentBytes: SEGMENT_BYTES } });
    for (let i = 0; i < 50; i++) await log.append(recordSets[i % RECORD_SETS]!);
    for (let i = 0; i < 50; i++) await log.appendBatch(batches[i % batches.length]!);
    for (let offset = 0; offset < log.logEndOffset; )
      offset = (await log.read(offset, { maxBytes: READ_MAX_BYTES })).nextOffset;
    for (let offset = 0; offset < log.logEndOffset; )
      offset = (await log.readRaw(offset, { maxBytes: READ_MAX_BYTES })).nextOffset;
    await log.close();
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const recordSets = makeRecordSets();
  const now = Date.now();
  const batches = Array.from({ length: BATCHES }, (_, i) =>
    encodeRecordBatch(recordSets[i % RECORD_SETS]!, { timestamp: now }),
  );
  const bytes = batches.reduce((sum, batch) => sum + batch.length, 0);
  console.log(
    `append-read bench: ${RECORDS.toLocaleString('en-US')} records x ${VALUE_BYTES} B in batches of ${BATCH_RECORDS} ` +
      `(${(bytes / 1e6).toFixed(1)} MB on disk), ${RUNS} run(s), medians; node ${process.version}, ` +
      `${cpus().length} CPUs, tmpdir ${tmpdir()}`,
  );
  await warmUp(recordSets, batches);

  const samples: Samples = new Map();
  const encodeSamples: Sample[] = [];
  for (let run = 1; run <= RUNS; run++) {
    encodeSamples.push(
      await timed(RECORDS, bytes, async () => {
        for (let i = 0; i < BATCHES; i++) encodeRecordBatch(recordSets[i % RECORD_SETS]!, { timestamp: now });
      }),
    );
    for (const policy of POLICIES) {
      // appendBatch patches base offsets in place; the bytes stay valid batches for every run.
      await runPolicy(policy, run, recordSets, batches, samples);
    }
    console.log(`run ${run}/${RUNS} done`);
  }
  printTable(samples, encodeSamples);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
