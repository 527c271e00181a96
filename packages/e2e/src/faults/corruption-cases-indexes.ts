/**
 * The corruption matrix's cases for victim-0's index files: an .index entry moved inside its
 * batch (the entries still in order), a .timeindex entry made earlier (still in order), and
 * index files cut inside an entry, removed or replaced by random bytes. Index files are
 * never to be trusted over the log: damage to them must be repaired with nothing lost and
 * nothing served wrong, seeks by time included: at start when it fails the sanity check
 * (nothing logged), by the background scrub when it passes it (a warn line names the segment
 * whose indexes were rebuilt).
 */
import { readFile } from 'node:fs/promises';
import type { SeededRandom } from '@mini-kafka/testing';
import { type CorruptionCase, type DamageContext, type ExpectedLine, where, whole } from './corruption-case.js';
import { cutFile, flipByte, overwrite, removeFile, replaceFile, type SegmentFiles } from './corruption-files.js';
import { VICTIM } from './corruption-fixture.js';

const indexWarning = { exitCode: 0, finds: { partition: 'victim-0', severity: 'warning' } } as const;

/** The scrub's line for `segment`'s indexes rebuilt from its batches. */
const rebuilt = (segment: SegmentFiles): ExpectedLine => ({
  level: 'warn',
  fields: { topic: VICTIM, partition: 0, segmentBaseOffset: segment.baseOffset },
  text: /rebuilt/,
});

/** Moves entry `i` of `segment`'s .index a few bytes forward: inside its batch, the entries still in order. */
async function shiftIndexEntry(context: DamageContext, segment: SegmentFiles, random: SeededRandom) {
  if (segment.indexEntries.length < 2)
    throw new Error(`segment ${segment.baseOffset} has fewer than two index entries`);
  // Not the last entry: the start walks the batches after the last one, and would catch it.
  const i = random.int(segment.indexEntries.length - 1);
  const entry = segment.indexEntries[i]!;
  const moved = entry.position + 1 + random.int(48);
  const bytes = Buffer.alloc(4);
  bytes.writeInt32BE(moved);
  await overwrite(segment.index, i * 8 + 4, bytes);
  const what = `entry ${i} (offset ${entry.offset}) moved from byte ${entry.position} to ${moved}`;
  return { done: { file: where(context, segment.index), position: i * 8 + 4, what }, entry };
}

export const INDEX_CASES: readonly CorruptionCase[] = [
  ...(['clean', 'unclean'] as const).map(
    (stop): CorruptionCase => ({
      id: `index-entry-moved-${stop}`,
      title: `a closed segment's .index entry moved inside its batch, ${stop === 'clean' ? 'after a clean stop' : 'then a kill'}`,
      stop,
      quick: stop === 'clean',
      async damage(context) {
        const segment = context.segments[0]!;
        const { done, entry } = await shiftIndexEntry(context, segment, context.random);
        // verify tells what reads would meet until the scrub rebuilds the index.
        const expected = whole(context, {
          exitCode: 1,
          finds: { partition: 'victim-0', severity: 'damage', fromOffset: entry.offset },
        });
        return { done, expected: { ...expected, logged: [rebuilt(segment)] } };
      },
    }),
  ),
  {
    id: 'index-cut-clean',
    title: "a closed segment's .index cut inside an entry, after a clean stop",
    stop: 'clean',
    async damage(context) {
      const segment = context.segments[0]!;
      const length = 8 * context.random.int(segment.indexEntries.length) + 1 + context.random.int(7);
      await cutFile(segment.index, length);
      return {
        done: { file: where(context, segment.index), position: length, what: 'cut inside an entry' },
        expected: whole(context, indexWarning),
      };
    },
  },
  {
    id: 'index-removed-clean',
    title: "a closed segment's .index removed, after a clean stop",
    stop: 'clean',
    quick: true,
    async damage(context) {
      const segment = context.segments[0]!;
      await removeFile(segment.index);
      return { done: { file: where(context, segment.index), position: 0, what: 'removed' }, expected: whole(context) };
    },
  },
  {
    id: 'index-random-clean',
    title: "a closed segment's .index replaced by random bytes, after a clean stop",
    stop: 'clean',
    async damage(context) {
      const segment = context.segments[1]!;
      const size = 8 * segment.indexEntries.length;
      await replaceFile(segment.index, context.random.bytes(size));
      return {
        done: { file: where(context, segment.index), position: 0, what: `${size} random bytes` },
        expected: whole(context, indexWarning),
      };
    },
  },
  {
    id: 'timeindex-entry-earlier-clean',
    title:
      "a bit cleared in the timestamp of a closed segment's first .timeindex entry (still in order), after a clean stop",
    stop: 'clean',
    async damage(context) {
      const segment = context.segments[0]!;
      const bytes = await readFile(segment.timeIndex);
      // Byte 3 of the int64 timestamp: bits 32-39, set for any time after 1970 + 50 days.
      const byte = bytes[3]!;
      const mask = 1 << (31 - Math.clz32(byte));
      await flipByte(segment.timeIndex, 3, mask);
      const what = `bit 0x${mask.toString(16)} cleared in entry 0's timestamp: ${2 ** 32 * mask} ms earlier`;
      const expected = { ...whole(context), logged: [rebuilt(segment)] };
      return { done: { file: where(context, segment.timeIndex), position: 3, what }, expected };
    },
  },
  {
    id: 'timeindex-cut-clean',
    title: "a closed segment's .timeindex cut inside an entry, after a clean stop",
    stop: 'clean',
    async damage(context) {
      const segment = context.segments[1]!;
      const entries = (await readFile(segment.timeIndex)).length / 12;
      const length = 12 * context.random.int(entries) + 1 + context.random.int(11);
      await cutFile(segment.timeIndex, length);
      return {
        done: { file: where(context, segment.timeIndex), position: length, what: 'cut inside an entry' },
        expected: whole(context),
      };
    },
  },
  {
    id: 'timeindex-removed-unclean',
    title: "a closed segment's .timeindex removed, then a kill",
    stop: 'unclean',
    async damage(context) {
      const segment = context.segments[1]!;
      await removeFile(segment.timeIndex);
      return {
        done: { file: where(context, segment.timeIndex), position: 0, what: 'removed' },
        expected: whole(context),
      };
    },
  },
];
