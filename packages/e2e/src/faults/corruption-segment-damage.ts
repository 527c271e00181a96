/**
 * What the segment cases of the corruption matrix (corruption-cases-segments.ts) share: how
 * they pick a batch, how they damage one (a bit of a record's value, a bit of its length),
 * and what the storage rules expect of each kind of damage (packages/storage/README.md,
 * "Damage and recovery"): a tail cut at its first bad batch with the lost offsets never reused,
 * a torn final write cut with its offsets given back, a closed segment left whole with its
 * damaged range unreadable, and bad bytes the open trusts, which the background scrub finds.
 */
import { readFile } from 'node:fs/promises';
import type { SeededRandom } from '@mini-kafka/testing';
import { around, type DamageContext, type Expectation, type ExpectedLine, end, where } from './corruption-case.js';
import { type BatchAt, flipByte, type SegmentFiles } from './corruption-files.js';
import { committedBy, VICTIM } from './corruption-fixture.js';

const RECORDS_START = 61; // the records of a batch follow its 61-byte header

/** A batch of `segment` from its middle, not the first or last (nor at or after byte `before`). */
export function pickBatch(random: SeededRandom, segment: SegmentFiles, before = Number.POSITIVE_INFINITY): BatchAt {
  const last = segment.batches.findLastIndex((batch, i) => i < segment.batches.length - 1 && batch.position < before);
  if (last < 1) throw new Error(`segment ${segment.baseOffset} has too few batches to pick from`);
  return segment.batches[around(random, 1, last)]!;
}

export const ended = (segment: SegmentFiles): number => segment.batches.at(-1)!.position + segment.batches.at(-1)!.size;

/** The copy of `file`'s bytes from `fromByte` on that recovery must keep, read now (after the damage). */
async function copyOf(segment: SegmentFiles, fromByte: number): Promise<{ name: string; bytes: Buffer }> {
  const bytes = await readFile(segment.log);
  return { name: `${String(segment.baseOffset).padStart(20, '0')}-${fromByte}.bin`, bytes: bytes.subarray(fromByte) };
}

/** The start-up line of a damage finding in victim-0 (storage-health.ts spreads the finding into its fields). */
export function findingLine(level: 'warn' | 'error', fields: Record<string, unknown>): ExpectedLine {
  return { level, fields: { topic: VICTIM, partition: 0, ...fields } };
}

/** The expectation for a tail cut at `fromByte` whose lost offsets `from`..end-1 are never reused. */
export async function tailCut(
  context: DamageContext,
  tail: SegmentFiles,
  from: number,
  fromByte: number,
  fileSize: number,
) {
  const last = end(context) - 1;
  const expected: Expectation = {
    unreadable: [[from, last]],
    logged: [
      findingLine('error', {
        fromOffset: from,
        lastOffset: last,
        fromByte,
        droppedBytes: fileSize - fromByte,
        closedSegment: false,
        tornWrite: false,
        dataLoss: true,
      }),
    ],
    verify: { exitCode: 1, finds: { partition: 'victim-0', severity: 'damage', fromOffset: from, toOffset: last } },
    described: { ranges: [[from, last]], dataLoss: true },
    keptAside: await copyOf(tail, fromByte),
    nextOffset: last + 1,
  };
  return expected;
}

/**
 * The expectation for a torn write after a kill: cut at `fromByte`. Its offsets from `from` are
 * given back, unless a group had committed past the cut: that proves the records were read,
 * so the offsets up to the highest commit are lost (data loss, unreadable, never reused) and
 * only the rest given back (committed-past-end.ts in the broker).
 */
export async function tornWrite(
  context: DamageContext,
  tail: SegmentFiles,
  from: number,
  fromByte: number,
  fileSize: number,
) {
  const cut = findingLine('warn', {
    fromOffset: from,
    fromByte,
    droppedBytes: fileSize - fromByte,
    tornWrite: true,
    dataLoss: false,
  });
  const verify = { exitCode: 0, finds: { partition: 'victim-0', severity: 'warning', fromOffset: from } } as const;
  const floor = Math.max(
    from,
    ...[...committedBy(context.fixture.commits)]
      .filter(([key]) => key.endsWith(` ${VICTIM}/0`))
      .map(([, offset]) => offset),
  );
  const expected: Expectation =
    floor > from
      ? {
          unreadable: [[from, floor - 1]],
          givenBackFrom: floor,
          logged: [
            cut,
            findingLine('error', { committedOffset: floor, logEndOffset: from, recordsLost: floor - from }),
          ],
          // verify reads the commits too: one past the cut makes it data loss there as well.
          verify: {
            exitCode: 1,
            finds: { partition: 'victim-0', severity: 'damage', fromOffset: from, toOffset: floor - 1 },
          },
          described: { ranges: [[from, floor - 1]], dataLoss: true },
          keptAside: await copyOf(tail, fromByte),
          nextOffset: floor,
        }
      : {
          unreadable: [],
          givenBackFrom: from,
          logged: [cut],
          verify,
          described: 'clean',
          keptAside: await copyOf(tail, fromByte),
          nextOffset: from,
        };
  return expected;
}

/** The expectation for a closed segment whose batches stop at `fromByte`: offsets `from` to the next segment's base unreadable. */
export async function closedDamage(
  context: DamageContext,
  segment: SegmentFiles,
  from: number,
  fromByte: number,
  fileSize: number,
) {
  const to = segment.nextOffset - 1;
  const expected: Expectation = {
    unreadable: [[from, to]],
    logged: [
      findingLine('error', {
        fromOffset: from,
        lastOffset: to,
        fromByte,
        droppedBytes: fileSize - fromByte,
        closedSegment: true,
        dataLoss: true,
      }),
    ],
    verify: { exitCode: 1, finds: { partition: 'victim-0', severity: 'damage', fromOffset: from, toOffset: to } },
    described: { ranges: [[from, to]], dataLoss: true },
    keptAside: await copyOf(segment, fromByte),
    nextOffset: end(context),
  };
  return expected;
}

/**
 * The expectation for bad bytes the open trusts without reading (a closed segment, or the tail
 * after a clean stop), which the background scrub finds: the segment left whole, only the
 * batch `batch` unreadable (the next batch is intact), an error line, the range described,
 * and the batch's bytes kept aside.
 */
export async function scrubbedDamage(context: DamageContext, segment: SegmentFiles, batch: BatchAt) {
  const bytes = await readFile(segment.log);
  const unreadable: [number, number] = [batch.baseOffset, batch.lastOffset];
  const expected: Expectation = {
    unreadable: [unreadable],
    logged: [
      findingLine('error', {
        fromOffset: batch.baseOffset,
        lastOffset: batch.lastOffset,
        fromByte: batch.position,
        droppedBytes: batch.size,
        closedSegment: true,
        dataLoss: true,
      }),
    ],
    verify: { exitCode: 1, finds: { partition: 'victim-0', severity: 'damage', fromOffset: batch.baseOffset } },
    described: { ranges: [unreadable], dataLoss: true },
    keptAside: {
      name: `${String(segment.baseOffset).padStart(20, '0')}-${batch.position}.bin`,
      bytes: bytes.subarray(batch.position, batch.position + batch.size),
    },
    nextOffset: end(context),
  };
  return expected;
}

/** A zig-zag varint of a record at `at`: its value and where the next field starts. */
function readVarint(bytes: Buffer, at: number): { value: number; next: number } {
  let raw = 0;
  let next = at;
  for (let shift = 0; ; shift += 7) {
    const byte = bytes[next++]!;
    raw += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
  }
  return { value: raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2, next };
}

/**
 * Flips one random bit of one random byte of the value of a random record of `batch`: its
 * CRC no longer matches, and the batch's framing and timestamps stay as they were (where a
 * flip lands in the record's own lengths, what a seek by time decodes varies with the seed).
 */
export async function flipRecordBit(context: DamageContext, segment: SegmentFiles, batch: BatchAt) {
  const bytes = await readFile(segment.log);
  const offset = batch.baseOffset + context.random.int(batch.lastOffset - batch.baseOffset + 1);
  // The record's key, `k-victim-0-<offset>`, after its length (one zig-zag byte): unique in the batch.
  const key = Buffer.from(`k-${VICTIM}-0-${offset}`);
  const keyAt = bytes.indexOf(Buffer.concat([Buffer.from([key.length * 2]), key]), batch.position + RECORDS_START);
  if (keyAt < 0 || keyAt >= batch.position + batch.size)
    throw new Error(`no record ${offset} in batch ${batch.baseOffset}`);
  const value = readVarint(bytes, keyAt + 1 + key.length);
  const position = value.next + context.random.int(value.value);
  const mask = 1 << context.random.int(8);
  await flipByte(segment.log, position, mask);
  return {
    file: where(context, segment.log),
    position,
    what: `bit 0x${mask.toString(16)} flipped in the value of record ${offset}`,
  };
}

/**
 * Flips one of the low four bits of the second byte of `batch`'s length: 64 to 512 KiB more,
 * past the segment's end but within a read's default byte budget (1 MiB), so every seed
 * damages the same way (a length past the budget ends a read before it, whatever else).
 */
export async function flipLengthBit(context: DamageContext, segment: SegmentFiles, batch: BatchAt) {
  const position = batch.position + 9;
  const mask = 1 << context.random.int(4);
  await flipByte(segment.log, position, mask);
  return {
    file: where(context, segment.log),
    position,
    what: `bit 0x${mask.toString(16)} flipped in the length of batch ${batch.baseOffset}-${batch.lastOffset}`,
  };
}
