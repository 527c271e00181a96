/**
 * The corruption matrix's cases for victim-0's segment files: bits flipped in a batch's
 * records (CRC), its length or its base offset; a file cut inside a batch; a file replaced by
 * random bytes; a closed segment removed; each in the tail segment or a closed one (the
 * first), after a clean stop or a kill. A batch is picked from the middle of its segment by
 * the case's random stream, never the first or the last, so intact batches surround it.
 *
 * Bits flipped in records land in a value, so the damage is bit rot in a payload: the batch
 * fails its CRC while its framing and timestamps stay readable. The damage and the
 * expectations are built in corruption-segment-damage.ts, from the storage rules
 * (packages/storage/README.md, "Damage and recovery"): the tail is cut at the first bad
 * batch, its bytes kept in damaged/, the lost offsets never reused, data loss logged at
 * error level; a torn final write after a kill is cut and its offsets reused, at warn level;
 * a closed segment is left whole, the offsets from its first bad batch to the next segment
 * unreadable; bad bytes in a segment the open trusts without reading (a closed one, or the
 * tail after a clean stop) are found by the background scrub, the segment left whole and only
 * the damaged batch unreadable.
 */
import type { CorruptionCase, DamageContext, Expectation } from './corruption-case.js';
import { end, where } from './corruption-case.js';
import { cutFile, flipByte, removeFile, replaceFile, type SegmentFiles } from './corruption-files.js';
import {
  closedDamage,
  ended,
  findingLine,
  flipLengthBit,
  flipRecordBit,
  pickBatch,
  scrubbedDamage,
  tailCut,
  tornWrite,
} from './corruption-segment-damage.js';

const tail = (context: DamageContext): SegmentFiles => context.segments.at(-1)!;
const firstClosed = (context: DamageContext): SegmentFiles => context.segments[0]!;

export const SEGMENT_CASES: readonly CorruptionCase[] = [
  {
    id: 'tail-crc-flip-unclean',
    title: 'a bit flipped in the records of a tail batch, then a kill',
    stop: 'unclean',
    quick: true,
    async damage(context) {
      const segment = tail(context);
      const batch = pickBatch(context.random, segment);
      const done = await flipRecordBit(context, segment, batch);
      return { done, expected: await tailCut(context, segment, batch.baseOffset, batch.position, ended(segment)) };
    },
  },
  {
    id: 'tail-crc-flip-clean',
    title: 'a bit flipped in the records of a tail batch, after a clean stop',
    stop: 'clean',
    async damage(context) {
      const segment = tail(context);
      const batch = pickBatch(context.random, segment);
      const done = await flipRecordBit(context, segment, batch);
      return { done, expected: await scrubbedDamage(context, segment, batch) };
    },
  },
  {
    id: 'tail-length-flip-unclean',
    title: "a bit flipped in a tail batch's length (the framing is lost), then a kill",
    stop: 'unclean',
    async damage(context) {
      const segment = tail(context);
      const batch = pickBatch(context.random, segment);
      const done = await flipLengthBit(context, segment, batch);
      return { done, expected: await tailCut(context, segment, batch.baseOffset, batch.position, ended(segment)) };
    },
  },
  {
    id: 'tail-base-offset-flip-unclean',
    title: "a bit flipped in a tail batch's base offset (outside its CRC), then a kill",
    stop: 'unclean',
    async damage(context) {
      const segment = tail(context);
      const batch = pickBatch(context.random, segment);
      const position = batch.position + 4 + context.random.int(4);
      const mask = 1 << context.random.int(8);
      await flipByte(segment.log, position, mask);
      const what = `bit 0x${mask.toString(16)} flipped in the base offset of batch ${batch.baseOffset}-${batch.lastOffset}`;
      return {
        done: { file: where(context, segment.log), position, what },
        expected: await tailCut(context, segment, batch.baseOffset, batch.position, ended(segment)),
      };
    },
  },
  {
    id: 'tail-truncate-unclean',
    title: 'the tail cut inside a batch, then a kill (an interrupted write, unless a commit proves it was read)',
    stop: 'unclean',
    async damage(context) {
      const segment = tail(context);
      const batch = pickBatch(context.random, segment);
      const length = batch.position + 1 + context.random.int(batch.size - 1);
      await cutFile(segment.log, length);
      const done = {
        file: where(context, segment.log),
        position: length,
        what: `cut inside batch ${batch.baseOffset}-${batch.lastOffset}`,
      };
      return { done, expected: await tornWrite(context, segment, batch.baseOffset, batch.position, length) };
    },
  },
  {
    id: 'tail-truncate-clean',
    title: 'the tail cut inside a batch, after a clean stop',
    stop: 'clean',
    quick: true,
    async damage(context) {
      const segment = tail(context);
      const batch = pickBatch(context.random, segment);
      const length = batch.position + 1 + context.random.int(batch.size - 1);
      await cutFile(segment.log, length);
      const done = {
        file: where(context, segment.log),
        position: length,
        what: `cut inside batch ${batch.baseOffset}-${batch.lastOffset}`,
      };
      return { done, expected: await tailCut(context, segment, batch.baseOffset, batch.position, length) };
    },
  },
  {
    id: 'tail-random-unclean',
    title: 'the tail replaced by random bytes, then a kill (an interrupted write, unless a commit proves it was read)',
    stop: 'unclean',
    async damage(context) {
      const segment = tail(context);
      const size = ended(segment);
      await replaceFile(segment.log, context.random.bytes(size));
      const done = { file: where(context, segment.log), position: 0, what: `${size} random bytes` };
      return { done, expected: await tornWrite(context, segment, segment.baseOffset, 0, size) };
    },
  },
  {
    id: 'tail-random-clean',
    title: 'the tail replaced by random bytes, after a clean stop',
    stop: 'clean',
    async damage(context) {
      const segment = tail(context);
      const size = ended(segment);
      await replaceFile(segment.log, context.random.bytes(size));
      const done = { file: where(context, segment.log), position: 0, what: `${size} random bytes` };
      return { done, expected: await tailCut(context, segment, segment.baseOffset, 0, size) };
    },
  },
  ...(['clean', 'unclean'] as const).map(
    (stop): CorruptionCase => ({
      id: `closed-crc-flip-${stop}`,
      title: `a bit flipped in the records of a closed segment's batch, ${stop === 'clean' ? 'after a clean stop' : 'then a kill'}`,
      stop,
      quick: stop === 'clean',
      async damage(context) {
        const segment = firstClosed(context);
        const batch = pickBatch(context.random, segment);
        const done = await flipRecordBit(context, segment, batch);
        return { done, expected: await scrubbedDamage(context, segment, batch) };
      },
    }),
  ),
  {
    id: 'closed-length-flip-clean',
    title: "a bit flipped in the length of a closed segment's batch before its last index entry, after a clean stop",
    stop: 'clean',
    async damage(context) {
      const segment = firstClosed(context);
      const lastEntry = segment.indexEntries.at(-1);
      if (lastEntry === undefined) throw new Error('the first segment has no index entry');
      const batch = pickBatch(context.random, segment, lastEntry.position);
      const done = await flipLengthBit(context, segment, batch);
      // The scrub finds the next batch intact: reads from the offsets after the broken one start there.
      return { done, expected: await scrubbedDamage(context, segment, batch) };
    },
  },
  ...(['clean', 'unclean'] as const).map(
    (stop): CorruptionCase => ({
      id: `closed-truncate-${stop}`,
      title: `a closed segment cut inside a batch, ${stop === 'clean' ? 'after a clean stop' : 'then a kill'}`,
      stop,
      quick: stop === 'unclean',
      async damage(context) {
        const segment = firstClosed(context);
        const batch = pickBatch(context.random, segment);
        const length = batch.position + 1 + context.random.int(batch.size - 1);
        await cutFile(segment.log, length);
        const done = {
          file: where(context, segment.log),
          position: length,
          what: `cut inside batch ${batch.baseOffset}-${batch.lastOffset}`,
        };
        return { done, expected: await closedDamage(context, segment, batch.baseOffset, batch.position, length) };
      },
    }),
  ),
  {
    id: 'closed-random-clean',
    title: 'a closed segment replaced by random bytes, after a clean stop',
    stop: 'clean',
    async damage(context) {
      const segment = context.segments[1]!;
      const size = ended(segment);
      await replaceFile(segment.log, context.random.bytes(size));
      const done = { file: where(context, segment.log), position: 0, what: `${size} random bytes` };
      return { done, expected: await closedDamage(context, segment, segment.baseOffset, 0, size) };
    },
  },
  {
    id: 'closed-removed-clean',
    title: 'a closed segment and its indexes removed, after a clean stop',
    stop: 'clean',
    async damage(context) {
      const segment = context.segments[1]!;
      for (const file of [segment.log, segment.index, segment.timeIndex]) await removeFile(file);
      const from = segment.baseOffset;
      const to = segment.nextOffset - 1;
      const done = { file: where(context, segment.log), position: 0, what: 'removed with its .index and .timeindex' };
      const expected: Expectation = {
        unreadable: [[from, to]],
        logged: [
          findingLine('error', {
            fromOffset: from,
            lastOffset: to,
            droppedBytes: 0,
            reason: 'offset-gap',
            dataLoss: true,
          }),
        ],
        verify: { exitCode: 1, finds: { partition: 'victim-0', severity: 'damage', fromOffset: from, toOffset: to } },
        described: { ranges: [[from, to]], dataLoss: true },
        keptAside: 'none',
        nextOffset: end(context),
      };
      return { done, expected };
    },
  },
];
