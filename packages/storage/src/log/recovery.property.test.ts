/**
 * Property tests of the log as a whole: whatever is appended reads back exactly, and a
 * tail truncated or corrupted at any byte reopens to exactly the valid prefix, with the
 * offsets after it either reused (a cut that looks like a torn write) or kept out of reach
 * whole (damage: the log end stays, the lost range reads as CORRUPT_MESSAGE).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  batchLastOffsetDelta,
  batchSize,
  MAGIC_OFFSET,
  PARTITION_LEADER_EPOCH_OFFSET,
} from '../record-batch/batch-header.js';
import type { RecordInput, StoredRecord } from '../record-batch/record.js';
import { offsetFileName } from './file-names.js';
import { Log } from './log.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

const bytes = fc.uint8Array({ maxLength: 300 }).map((array) => Buffer.from(array));
const record: fc.Arbitrary<RecordInput> = fc.record({
  key: fc.option(bytes, { nil: null }),
  value: fc.option(bytes, { nil: null }),
  headers: fc.array(fc.record({ key: fc.string({ maxLength: 20 }), value: fc.option(bytes, { nil: null }) }), {
    maxLength: 3,
  }),
  timestamp: fc.integer({ min: 0, max: 2 ** 45 }),
});
const batches = fc.array(fc.array(record, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 });

function expected(batchList: RecordInput[][]): Omit<StoredRecord, 'offset'>[] {
  return batchList.flat().map((r) => ({
    timestamp: r.timestamp!,
    key: r.key === null || r.key === undefined ? null : Buffer.from(r.key),
    value: r.value === null ? null : Buffer.from(r.value),
    headers: (r.headers ?? []).map((h) => ({ key: h.key, value: h.value === null ? null : Buffer.from(h.value) })),
  }));
}

async function readAll(log: Log): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  let offset = log.logStartOffset;
  while (offset < log.highWatermark) {
    const read = await log.read(offset, { maxBytes: 4096 });
    out.push(...read.records);
    offset = read.nextOffset;
  }
  return out;
}

/** The records from the log start until the high watermark or the first error, and that error. */
async function readUntilError(log: Log): Promise<{ records: StoredRecord[]; error: unknown }> {
  const records: StoredRecord[] = [];
  let offset = log.logStartOffset;
  try {
    while (offset < log.highWatermark) {
      const read = await log.read(offset, { maxBytes: 4096 });
      records.push(...read.records);
      offset = read.nextOffset;
    }
  } catch (error) {
    return { records, error };
  }
  return { records, error: undefined };
}

describe('log properties', () => {
  it('round-trips any sequence of batches exactly, across a reopen', async () => {
    await fc.assert(
      fc.asyncProperty(batches, async (batchList) => {
        const directory = await dirs.make();
        const log = await Log.open({ directory, config: { flush: 'never', segmentBytes: 2048 } });
        for (const batch of batchList) await log.append(batch);
        const want = expected(batchList).map((r, offset) => ({ offset, ...r }));
        expect(await readAll(log)).toEqual(want);
        await log.close();
        const reopened = await Log.open({ directory, config: { flush: 'never', segmentBytes: 2048 } });
        expect(await readAll(reopened)).toEqual(want);
        await reopened.close();
      }),
      { numRuns: 60 },
    );
  });

  it('reopens a tail truncated or corrupted at any byte to exactly the valid prefix', async () => {
    await fc.assert(
      fc.asyncProperty(
        batches,
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.constantFrom('truncate', 'flip'),
        fc.integer({ min: 1, max: 255 }),
        async (batchList, where, damage, mask) => {
          const directory = await dirs.make();
          const config = { flush: 'never' as const, segmentBytes: 2048 };
          const log = await Log.open({ directory, config });
          for (const batch of batchList) await log.append(batch);
          const originalEnd = log.logEndOffset;
          const tailBase = log.segmentBaseOffsets.at(-1)!;
          const tailBytes = (await log.readRaw(tailBase, { maxBytes: 1 << 20 })).bytes;
          // The process dies here: no close.
          const file = join(directory, offsetFileName(tailBase, '.log'));
          const content = await readFile(file);
          expect(content.equals(tailBytes)).toBe(true);
          const position = Math.floor(where * content.length);

          // Which records survive: every batch that ends before the damage, and for a
          // flipped byte, also batches where it hit the leader epoch (not covered by the CRC).
          let survivingEnd = tailBase;
          for (let at = 0, offset = tailBase; at < content.length; ) {
            const size = batchSize(content, at);
            const count = batchLastOffsetDelta(content, at) + 1;
            const end = at + size;
            const harmless =
              damage === 'flip' && position >= at + PARTITION_LEADER_EPOCH_OFFSET && position < at + MAGIC_OFFSET;
            if (end <= position || (damage === 'flip' && (position >= end || harmless))) {
              offset += count;
              survivingEnd = offset;
            } else break;
            at = end;
          }
          if (damage === 'truncate') await writeFile(file, content.subarray(0, position));
          else {
            content[position] = content[position]! ^ mask;
            await writeFile(file, content);
          }

          const reopened = await Log.open({ directory, config });
          expect(reopened.loadReport.cleanShutdown).toBe(false);
          const end = reopened.logEndOffset;
          // A cut is a torn write (offsets reused) or damage (the lost offsets stay taken), never half of each.
          expect(damage === 'truncate' ? [survivingEnd] : [survivingEnd, originalEnd]).toContain(end);
          const [found] = reopened.loadReport.damage;
          if (found !== undefined)
            expect(found).toMatchObject({ fromOffset: survivingEnd, tornWrite: end === survivingEnd });
          const want = expected(batchList)
            .map((r, offset) => ({ offset, ...r }))
            .slice(0, survivingEnd);
          const { records, error } = await readUntilError(reopened);
          expect(records).toEqual(want);
          expect(error === undefined ? 'none' : isMiniKafkaError(error, 'CORRUPT_MESSAGE')).toBe(
            end === survivingEnd ? 'none' : true,
          );
          expect(await reopened.append([{ value: 'after' }])).toMatchObject({ baseOffset: end });
          await reopened.close();
        },
      ),
      { numRuns: 150 },
    );
    // 150 logs opened, damaged and recovered on a real disk: seconds alone, far more on a busy machine.
  }, 90_000);
});
