/**
 * The read path's own checks, for damage the open cannot see (it checks only the bytes
 * after a closed segment's last index entry): a batch whose offsets jump, a batch length
 * that is impossible. A read stops before them and a read that starts there fails with
 * CORRUPT_MESSAGE; it never skips, never hangs.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { batchesOf, fillLog, readOffsets, segmentPath } from '../testing/damage-fixtures.js';
import { Log } from './log.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('reads of a closed segment whose indexes look fine', () => {
  /**
   * A closed segment of `fillLog`, with `damage` done to its batch 3 and an index of two
   * entries, the first batch and the last: the open checks only the bytes after the last
   * entry, so only reads meet the damage.
   */
  async function damagedBehindIndex(damage: (bytes: Buffer, position: number) => void): Promise<{
    directory: string;
    batches: Awaited<ReturnType<typeof batchesOf>>;
  }> {
    const directory = await dirs.make();
    const { log, segments } = await fillLog(directory, 400);
    await log.close();
    expect(segments.length).toBeGreaterThan(1);
    const file = segmentPath(directory, segments[0]!);
    const batches = await batchesOf(file);
    const bytes = await readFile(file);
    damage(bytes, batches[3]!.position);
    await writeFile(file, bytes);
    const index = Buffer.alloc(16);
    index.writeInt32BE(batches.at(-1)!.baseOffset, 8);
    index.writeInt32BE(batches.at(-1)!.position, 12);
    await writeFile(segmentPath(directory, segments[0]!, '.index'), index);
    return { directory, batches };
  }

  it('stop at a batch whose offsets jump, and fail a read that starts there', async () => {
    // The base offset is outside the CRC: the batch stays intact, its offsets move by 1000.
    const { directory, batches } = await damagedBehindIndex((bytes, at) => {
      bytes.writeBigInt64BE(bytes.readBigInt64BE(at) + 1000n, at);
    });
    const victim = batches[3]!;
    const reopened = await Log.open({ directory, config: { segmentBytes: 16 * 1024 } });
    try {
      const { offsets, error } = await readOffsets(reopened, 0);
      expect(offsets).toEqual(Array.from({ length: victim.baseOffset }, (_, i) => i));
      expect(isMiniKafkaError(error, 'CORRUPT_MESSAGE')).toBe(true);
      expect((error as { details: object }).details).toMatchObject({ offset: victim.baseOffset });
      const later = await errorOf(reopened.read(batches[5]!.baseOffset));
      expect(isMiniKafkaError(later, 'CORRUPT_MESSAGE')).toBe(true);
    } finally {
      await reopened.close();
    }
  });

  it('fail, never hang or skip, on a batch length that is impossible', async () => {
    // A length of -24: a walk that believed it would step backwards.
    const { directory, batches } = await damagedBehindIndex((bytes, at) => bytes.writeInt32BE(-24, at + 8));
    const reopened = await Log.open({ directory, config: { segmentBytes: 16 * 1024 } });
    try {
      for (const batch of [3, 5]) {
        const error = await errorOf(reopened.read(batches[batch]!.baseOffset));
        expect(isMiniKafkaError(error, 'CORRUPT_MESSAGE'), String(error)).toBe(true);
      }
      const { offsets } = await readOffsets(reopened, 0);
      expect(offsets.at(-1)).toBe(batches[3]!.baseOffset - 1);
    } finally {
      await reopened.close();
    }
  }, 10_000);

  it('serve the records before a batch length that runs past the file to a read limited by a record count', async () => {
    // Such a read goes through the file a window at a time; the damage must end the read, not fail it.
    const { directory, batches } = await damagedBehindIndex((bytes, at) => bytes.writeInt32BE(1 << 20, at + 8));
    const victim = batches[3]!;
    const reopened = await Log.open({ directory, config: { segmentBytes: 16 * 1024 } });
    try {
      const read = await reopened.read(0, { maxBytes: 1 << 24, maxRecords: 10_000 });
      expect(read.records.map((record) => record.offset)).toEqual(
        Array.from({ length: victim.baseOffset }, (_, i) => i),
      );
      expect(read.nextOffset).toBe(victim.baseOffset);
      const error = await errorOf(reopened.read(victim.baseOffset, { maxBytes: 1 << 24, maxRecords: 10_000 }));
      expect(isMiniKafkaError(error, 'CORRUPT_MESSAGE'), String(error)).toBe(true);
    } finally {
      await reopened.close();
    }
  });
});
