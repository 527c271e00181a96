import { encodeRecordBatch } from '@mini-kafka/storage';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type IntactBatch, type SegmentPiece, scanSegment } from './offset-log-scan.js';
import { commitRecord } from './offset-records.js';

const MAX_BATCH = 1024 * 1024;

/** A segment of `sizes.length` batches of offset records, base offsets contiguous from `base`. */
function segment(sizes: readonly number[], base = 0): { bytes: Buffer; batches: Buffer[] } {
  let offset = base;
  const batches = sizes.map((count, b) => {
    const records = Array.from({ length: count }, (_, i) =>
      commitRecord(`g${b}`, { topic: 't', partition: i, offset: b * 10 + i, metadata: 'm', commitTimestamp: 1 }),
    );
    const batch = encodeRecordBatch(records, { baseOffset: offset, timestamp: 1 });
    offset += count;
    return batch;
  });
  return { bytes: Buffer.concat(batches), batches };
}

function intact(pieces: SegmentPiece[]): IntactBatch[] {
  return pieces.filter((piece): piece is IntactBatch => piece.kind === 'batch');
}

/** The pieces cover [0, length) exactly once, in order. */
function expectTiling(pieces: SegmentPiece[], length: number): void {
  let at = 0;
  for (const piece of pieces) {
    expect(piece.position).toBe(at);
    const size = piece.kind === 'batch' ? piece.size : piece.bytes;
    expect(size).toBeGreaterThan(0);
    at += size;
  }
  expect(at).toBe(length);
}

const sizes = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 8 });

describe('scanSegment', () => {
  it('reads a sound segment as its batches, in order, contiguous', () => {
    const { bytes, batches } = segment([2, 1, 3], 40);
    const pieces = scanSegment(bytes, { baseOffset: 40, maxBatchSize: MAX_BATCH });
    expect(pieces.map((p) => p.kind)).toEqual(['batch', 'batch', 'batch']);
    expect(intact(pieces).map((p) => [p.baseOffset, p.lastOffset, p.size, p.contiguous])).toEqual([
      [40, 41, batches[0]!.length, true],
      [42, 42, batches[1]!.length, true],
      [43, 45, batches[2]!.length, true],
    ]);
    expect(intact(pieces)[2]!.records.map((r) => r.offset)).toEqual([43, 44, 45]);
  });

  it('never throws on any bytes, and its pieces tile them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (raw) => {
        const bytes = Buffer.from(raw);
        expectTiling(scanSegment(bytes, { baseOffset: 0, maxBatchSize: MAX_BATCH }), bytes.length);
      }),
      { numRuns: 300 },
    );
  });

  it('yields exactly the intact batches of a segment with a corrupt tail, then one damaged range', () => {
    fc.assert(
      fc.property(sizes, fc.uint8Array({ minLength: 1, maxLength: 512 }), (counts, tail) => {
        const { bytes, batches } = segment(counts);
        const damaged = Buffer.concat([bytes, tail]);
        const pieces = scanSegment(damaged, { baseOffset: 0, maxBatchSize: MAX_BATCH });
        expectTiling(pieces, damaged.length);
        expect(intact(pieces).map((p) => p.size)).toEqual(batches.map((b) => b.length));
        expect(pieces.at(-1)).toMatchObject({ kind: 'damage', position: bytes.length, bytes: tail.length });
      }),
      { numRuns: 200 },
    );
  });

  it('skips only the batches with damaged bytes and resynchronizes on the next intact one', () => {
    fc.assert(
      fc.property(
        sizes,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 6 }),
        (counts, flips) => {
          const { bytes, batches } = segment(counts);
          const damaged = Buffer.from(bytes);
          const starts = batches.map((_, i) => batches.slice(0, i).reduce((sum, b) => sum + b.length, 0));
          const hit = new Set<number>();
          for (const [at, mask] of flips) {
            const position = at % damaged.length;
            damaged[position] = damaged[position]! ^ mask;
            const batch = starts.findLastIndex((start) => start <= position);
            const within = position - starts[batch]!;
            // The base offset (0..7) and the leader epoch (12..15) lie outside the CRC.
            if (within >= 8 && !(within >= 12 && within < 16)) hit.add(batch);
          }
          const pieces = scanSegment(damaged, { baseOffset: 0, maxBatchSize: MAX_BATCH });
          expectTiling(pieces, damaged.length);
          const kept = batches.map((_, i) => i).filter((i) => !hit.has(i));
          expect(intact(pieces).map((p) => p.position)).toEqual(kept.map((i) => starts[i]));
          const damagedBytes = pieces.reduce((sum, p) => sum + (p.kind === 'damage' ? p.bytes : 0), 0);
          expect(damagedBytes).toBe([...hit].reduce((sum, i) => sum + batches[i]!.length, 0));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads the keys of a batch whose CRC fails, but not of one whose header is gone', () => {
    const { bytes, batches } = segment([3, 2]);
    const valueFlipped = Buffer.from(bytes);
    const at = valueFlipped.indexOf('commitTimestamp');
    valueFlipped[at] = valueFlipped[at]! ^ 0xff;
    const [first] = scanSegment(valueFlipped, { baseOffset: 0, maxBatchSize: MAX_BATCH });
    expect(first).toMatchObject({ kind: 'damage', reason: 'crc-mismatch', bytes: batches[0]!.length });
    expect((first as { unchecked: unknown[] }).unchecked).toHaveLength(3);

    const lengthFlipped = Buffer.from(bytes);
    lengthFlipped[9] = lengthFlipped[9]! ^ 0xff;
    const [second] = scanSegment(lengthFlipped, { baseOffset: 0, maxBatchSize: MAX_BATCH });
    expect(second).toMatchObject({ kind: 'damage', bytes: batches[0]!.length, unchecked: undefined });
  });

  it('keeps an intact batch whose base offset (outside the CRC) is wrong, marked not contiguous', () => {
    const { bytes, batches } = segment([1, 1, 1]);
    const moved = Buffer.from(bytes);
    moved.writeUInt32BE(0x00ff_0000, batches[0]!.length); // the second batch's base offset, high half
    const pieces = intact(scanSegment(moved, { baseOffset: 0, maxBatchSize: MAX_BATCH }));
    expect(pieces.map((p) => p.contiguous)).toEqual([true, false, false]);
    expect(pieces.map((p) => p.records.length)).toEqual([1, 1, 1]);
  });
});
