/**
 * The corruption matrix's cases for what is not a partition's log: the offsets store (a
 * commit's batch flipped, the last one cut, the file replaced by random bytes), victim's
 * topic.json (cut, replaced, or still parsing with a smaller partition count), and a partition
 * that cannot be opened (damaged bytes with no room to be kept aside).
 *
 * The expectations: the offsets store keeps every intact commit and reports at error level
 * the ones it lost, with the copy of the damaged file kept; damaged metadata never hides
 * records silently nor lets a new topic take the old one's files (a partition topic.json no
 * longer names stays unserved, said at error level and by verify); a partition that cannot be
 * opened is offline alone, its files left as they were.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CorruptionCase, type DamageContext, type Expectation, where, whole } from './corruption-case.js';
import {
  COORDINATOR_OFFSETS_DIR,
  cutFile,
  flipByte,
  replaceFile,
  type SegmentFiles,
  segmentsIn,
} from './corruption-files.js';
import { VICTIM } from './corruption-fixture.js';

/** The offsets store's segment: one batch per commit, in the fixture's order. */
async function offsetsSegment(context: DamageContext): Promise<SegmentFiles> {
  const [segment, more] = await segmentsIn(join(context.fixture.dataDir, COORDINATOR_OFFSETS_DIR));
  if (segment === undefined || more !== undefined || segment.batches.length !== context.fixture.commits.length) {
    throw new Error('the offsets store is not one segment of one batch per commit');
  }
  return segment;
}

/** Everything in victim-0 served; the offsets store's damage logged at error level and kept aside. */
function storeDamage(
  context: DamageContext,
  lines: Expectation['logged'],
  commitsLost: Expectation['commitsLost'],
): Expectation {
  return {
    ...whole(context, { exitCode: 1, finds: { offsetsStore: true } }),
    logged: lines,
    keptAside: 'coordinator',
    commitsLost,
  };
}

const OFFSETS_CASES: CorruptionCase[] = [
  ...(['clean', 'unclean'] as const).map(
    (stop): CorruptionCase => ({
      id: `offsets-crc-flip-${stop}`,
      title: `a bit flipped in a commit's batch of the offsets store, ${stop === 'clean' ? 'after a clean stop' : 'then a kill'}`,
      stop,
      quick: stop === 'clean',
      async damage(context) {
        const segment = await offsetsSegment(context);
        // Batch 3: g-b's second commit (60); g-b had committed 20 before, in batch 1. The bit is
        // one of its stored CRC's, so the records (and the keys the report names) stay readable.
        const batch = segment.batches[3]!;
        const position = batch.position + 17 + context.random.int(4);
        const mask = 1 << context.random.int(8);
        await flipByte(segment.log, position, mask);
        const done = {
          file: where(context, segment.log),
          position,
          what: `bit 0x${mask.toString(16)} flipped in the CRC of g-b's commit at 60`,
        };
        const lines = [
          {
            level: 'error' as const,
            fields: {
              fromByte: batch.position,
              bytes: batch.size,
              reason: 'crc-mismatch',
              offsets: { first: 3, last: 3 },
              partitions: 1,
            },
            text: /g-b\/victim\/0/,
          },
          { level: 'error' as const, text: /Offsets log recovered with damage: 1 damaged range/ },
        ];
        return { done, expected: storeDamage(context, lines, { 'g-b victim/0': 20 }) };
      },
    }),
  ),
  {
    id: 'offsets-truncate-unclean',
    title: "the offsets store cut inside its last commit's batch, then a kill",
    stop: 'unclean',
    async damage(context) {
      const segment = await offsetsSegment(context);
      const batch = segment.batches.at(-1)!;
      const length = batch.position + 1 + context.random.int(batch.size - 1);
      await cutFile(segment.log, length);
      const done = { file: where(context, segment.log), position: length, what: "cut inside g-d's commit" };
      const first = segment.batches.length - 1;
      const lines = [
        {
          level: 'error' as const,
          fields: {
            fromByte: batch.position,
            bytes: length - batch.position,
            offsets: { first, last: null },
            partitions: 'unknown',
          },
        },
      ];
      return { done, expected: storeDamage(context, lines, { 'g-d victim/0': null }) };
    },
  },
  {
    id: 'offsets-random-clean',
    title: 'the offsets store replaced by random bytes, after a clean stop',
    stop: 'clean',
    async damage(context) {
      const segment = await offsetsSegment(context);
      const size = (await readFile(segment.log)).length;
      await replaceFile(segment.log, context.random.bytes(size));
      const done = { file: where(context, segment.log), position: 0, what: `${size} random bytes` };
      const lines = [
        {
          level: 'error' as const,
          fields: { fromByte: 0, bytes: size, offsets: { first: 0, last: null }, partitions: 'unknown' },
        },
        { level: 'error' as const, text: /Offsets log unreadable: .* every committed offset is gone/ },
      ];
      const lost = Object.fromEntries(
        context.fixture.commits.map((c) => [`${c.group} ${c.topic}/${c.partition}`, null]),
      );
      return { done, expected: storeDamage(context, lines, lost) };
    },
  },
];

/** A topic whose metadata cannot be read: its records must not vanish silently, nor be taken over by a new topic. */
function hiddenTopic(context: DamageContext): Expectation {
  return {
    ...whole(context, { exitCode: 1, finds: { topic: VICTIM } }),
    topicUnknown: true,
    victim1Served: false,
    logged: [{ level: 'error', text: new RegExp(`"${VICTIM}" is not served: no valid topic\\.json`) }],
    nextOffset: 'refused',
  };
}

const topicJson = (context: DamageContext): string => join(context.fixture.dataDir, VICTIM, 'topic.json');

const TOPIC_CASES: CorruptionCase[] = [
  {
    id: 'topic-json-cut-clean',
    title: "victim's topic.json cut in half, after a clean stop",
    stop: 'clean',
    quick: true,
    async damage(context) {
      const file = topicJson(context);
      const length = Math.floor((await readFile(file)).length / 2);
      await cutFile(file, length);
      return {
        done: { file: where(context, file), position: length, what: 'cut in half' },
        expected: hiddenTopic(context),
      };
    },
  },
  {
    id: 'topic-json-random-unclean',
    title: "victim's topic.json replaced by random bytes, then a kill",
    stop: 'unclean',
    async damage(context) {
      const file = topicJson(context);
      const size = (await readFile(file)).length;
      await replaceFile(file, context.random.bytes(size));
      return {
        done: { file: where(context, file), position: 0, what: `${size} random bytes` },
        expected: hiddenTopic(context),
      };
    },
  },
  {
    id: 'topic-json-partitions-clean',
    title: "two bits flipped in victim's topic.json partition count (2 becomes 1), after a clean stop",
    stop: 'clean',
    async damage(context) {
      const file = topicJson(context);
      const text = await readFile(file, 'utf8');
      const position = Buffer.byteLength(text.slice(0, text.indexOf('"partitions": 2'))) + '"partitions": '.length;
      await flipByte(file, position, 0x03);
      const expected: Expectation = {
        ...whole(context, { exitCode: 1, finds: { topic: VICTIM } }),
        // The broker serves what topic.json says, removes nothing, and says at error level what it hides.
        victim1Served: false,
        logged: [{ level: 'error', text: new RegExp(`${VICTIM}.*partition.*1`) }],
      };
      return { done: { file: where(context, file), position, what: "'2' flipped to '1'" }, expected };
    },
  },
];

const OFFLINE_CASES: CorruptionCase[] = [
  {
    id: 'offline-no-room-aside-unclean',
    title: "a bit flipped in a tail batch, with victim-0's damaged/ taken by a file, then a kill",
    stop: 'unclean',
    quick: true,
    async damage(context) {
      const segment = context.segments.at(-1)!;
      const batch = segment.batches[Math.floor(segment.batches.length / 2)]!;
      const blocker = join(context.fixture.dataDir, VICTIM, '0', 'damaged');
      await replaceFile(blocker, Buffer.from('not a directory\n'));
      const position = batch.position + 61 + context.random.int(batch.size - 61);
      await flipByte(segment.log, position, 1 << context.random.int(8));
      const done = {
        file: where(context, segment.log),
        position,
        what: `a bit flipped in batch ${batch.baseOffset}; damaged/ is a file`,
      };
      const expected: Expectation = {
        unreadable: [],
        offline: true,
        logged: [{ level: 'error', fields: { topic: VICTIM, partition: 0 }, text: /is offline: .*EEXIST/ }],
        verify: { exitCode: 1, finds: { partition: 'victim-0', severity: 'damage', fromOffset: batch.baseOffset } },
        described: 'offline',
        keptAside: 'none',
        nextOffset: 'refused',
      };
      return { done, expected };
    },
  },
];

export const METADATA_CASES: readonly CorruptionCase[] = [...OFFSETS_CASES, ...TOPIC_CASES, ...OFFLINE_CASES];
