/**
 * A seek by time over a damaged log: offsets lost to damage before the answer make it
 * CORRUPT_MESSAGE (their timestamps are unknown, so any later offset could skip the record
 * asked for); answers that lie before the damage are given as usual.
 */
import { readFile, truncate, writeFile } from 'node:fs/promises';
import { isMiniKafkaError } from '@mini-kafka/protocol';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { batchesOf, segmentPath } from '../testing/damage-fixtures.js';
import { Log } from './log.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

// Recent enough that retention (7 days by default) keeps every segment.
const BASE_TIME = Date.now() - 60_000;
const COUNT = 400;

/** A log whose record at offset n has timestamp BASE_TIME + n, in batches of 20, over several segments. */
async function timedLog(directory: string, indexIntervalBytes = 4096): Promise<number[]> {
  const log = await Log.open({
    directory,
    config: { flush: 'never', segmentBytes: 16 * 1024, indexIntervalBytes },
    topic: 'clock',
    partition: 0,
  });
  for (let offset = 0; offset < COUNT; offset += 20) {
    await log.append(
      Array.from({ length: 20 }, (_, i) => ({
        value: `record ${offset + i}`.padEnd(48, '.'),
        timestamp: BASE_TIME + offset + i,
      })),
    );
  }
  const segments = log.segmentBaseOffsets;
  await log.close();
  expect(segments.length).toBeGreaterThan(1);
  return segments;
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('a seek by time over a damaged log', () => {
  it('fails over offsets a cut closed segment lost, and answers before them', async () => {
    const directory = await dirs.make();
    const segments = await timedLog(directory);
    const file = segmentPath(directory, segments[0]!);
    const batches = await batchesOf(file);
    const cut = batches[3]!;
    await truncate(file, cut.position + 10);
    const log = await Log.open({ directory, config: { segmentBytes: 16 * 1024 }, topic: 'clock', partition: 0 });
    try {
      expect(await log.offsetForTimestamp(BASE_TIME + 5)).toEqual({ offset: 5, timestamp: BASE_TIME + 5 });
      for (const asked of [cut.baseOffset, segments[1]! - 1]) {
        const error = await errorOf(log.offsetForTimestamp(BASE_TIME + asked));
        expect(isMiniKafkaError(error, 'CORRUPT_MESSAGE'), String(error)).toBe(true);
        expect((error as { details: object }).details).toMatchObject({ missingFrom: cut.baseOffset });
      }
      // Past the lost range, records with the time asked for (or an earlier one after it) answer as usual.
      for (const asked of [segments[1]!, segments[1]! + 5, segments[1]! + 25]) {
        expect(await log.offsetForTimestamp(BASE_TIME + asked)).toEqual({
          offset: asked,
          timestamp: BASE_TIME + asked,
        });
      }
    } finally {
      await log.close();
    }
  });

  it('fails over a batch whose offsets jump inside a segment, when the seek passes it', async () => {
    // No index entries inside the segment: the seek walks it from its first batch. (A seek that
    // starts at the moved batch itself, from an index entry, cannot tell; reads still fail there.)
    const directory = await dirs.make();
    const segments = await timedLog(directory, 1 << 20);
    const file = segmentPath(directory, segments[0]!);
    const batches = await batchesOf(file);
    const moved = batches[3]!;
    const bytes = await readFile(file);
    // The base offset is outside the CRC: the batch stays intact, its offsets move by 1000.
    bytes.writeBigInt64BE(bytes.readBigInt64BE(moved.position) + 1000n, moved.position);
    await writeFile(file, bytes);
    const log = await Log.open({ directory, config: { segmentBytes: 16 * 1024 }, topic: 'clock', partition: 0 });
    try {
      expect(await log.offsetForTimestamp(BASE_TIME + 5)).toEqual({ offset: 5, timestamp: BASE_TIME + 5 });
      const error = await errorOf(log.offsetForTimestamp(BASE_TIME + moved.baseOffset));
      expect(isMiniKafkaError(error, 'CORRUPT_MESSAGE'), String(error)).toBe(true);
    } finally {
      await log.close();
    }
  });
});
