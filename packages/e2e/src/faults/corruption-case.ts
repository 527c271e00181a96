/**
 * The shape of a corruption-matrix case: how the broker is stopped, the damage done to its
 * stopped data directory, and what a user must then find (an Expectation, the broker's
 * documented rules applied to that damage). The cases themselves are in
 * corruption-cases-*.ts; corruption-checks.ts holds a restarted broker against them.
 *
 * A case may name a known broker defect (corruption-defects.ts) for the checks it fails
 * today: those checks are reported as the defect instead of failing the run, and a defect
 * that no longer shows fails it (so the entry is removed when the broker is fixed).
 */
import { relative } from 'node:path';
import type { SeededRandom } from '@mini-kafka/testing';
import type { DamageDone, SegmentFiles } from './corruption-files.js';
import { DAMAGED_PARTITION, type Fixture, type Stop } from './corruption-fixture.js';

/** Offsets, both ends inclusive. */
export type Range = readonly [number, number];

export const CHECKS = [
  'served',
  'others',
  'logged',
  'verify',
  'described',
  'keptAside',
  'produce',
  'commits',
  'timeLookup',
] as const;
export type CheckName = (typeof CHECKS)[number];

/** A start-up log line that must be there: its level, fields it carries (a subset), and its text. */
export interface ExpectedLine {
  level: 'warn' | 'error';
  fields?: Record<string, unknown>;
  text?: RegExp;
}

/** What `mini-kafka verify --json` must say about the damaged directory, before the broker opens it. */
export interface ExpectedVerify {
  exitCode: 0 | 1;
  /** A problem it must list: in victim-0 (severity, first offset), or about the offsets store or a topic. */
  finds:
    | { partition: 'victim-0'; severity: 'damage' | 'warning'; fromOffset?: number; toOffset?: number }
    | { offsetsStore: true }
    | { topic: string };
}

export interface Expectation {
  /** Offsets of victim-0 whose reads must fail with CORRUPT_MESSAGE; every other acknowledged one must read back exact. */
  unreadable: Range[];
  /** Acknowledged offsets from here on are gone and given to new records (the documented torn-write rule). */
  givenBackFrom?: number;
  /** The topic is not served after the restart (its metadata is unreadable): reads answer 404. */
  topicUnknown?: boolean;
  /** victim-0 cannot be opened: every read and produce answers KAFKA_STORAGE_ERROR. */
  offline?: boolean;
  /** victim-1 must still serve every record (false only where the damage hides it on purpose). */
  victim1Served?: boolean;
  /** Start-up lines that must be logged; an empty list means no warn or error line at all. */
  logged: ExpectedLine[];
  verify: ExpectedVerify | 'clean';
  /** victim-0 in the topic description: its damage summary, offline, or neither. */
  described: { ranges: Range[]; dataLoss: boolean } | 'offline' | 'clean';
  /**
   * Where copies of the damaged bytes must be after the restart: the one file in victim-0's
   * damaged/ (its name and bytes), the offsets store's damaged/, or nowhere.
   */
  keptAside: { name: string; bytes: Buffer } | 'coordinator' | 'none';
  /** The offset of the next record produced to victim-0, or 'refused' (an error answer). */
  nextOffset: number | 'refused';
  /** Committed offsets the damage took back: `group topic/partition` → the offset now, or null when gone. */
  commitsLost?: Record<string, number | null>;
}

/** What a case's damage function sees: the stopped broker's fixture and victim-0's segments. */
export interface DamageContext {
  fixture: Fixture;
  /** victim-0's segments, oldest first (at least two closed ones and a tail). */
  segments: SegmentFiles[];
  /** The case's own random stream (from the run's seed and the case id). */
  random: SeededRandom;
}

export interface CorruptionCase {
  /** Short, unique, kebab-case: where, what, how the broker stopped. */
  id: string;
  /** One line: the damage in words. */
  title: string;
  stop: Stop;
  /** In the short run of `pnpm test`. */
  quick?: boolean;
  damage(context: DamageContext): Promise<{ done: DamageDone; expected: Expectation }>;
  /** Known broker defects this case shows today: defect id → the checks it fails. */
  knownDefects?: Partial<Record<string, CheckName[]>>;
}

/** The middle of `[from, to]` moved by up to a quarter of its width either way, from `random`. */
export function around(random: SeededRandom, from: number, to: number): number {
  const middle = Math.floor((from + to) / 2);
  const spread = Math.floor((to - from) / 4);
  return Math.min(to, Math.max(from, middle - spread + random.int(2 * spread + 1)));
}

/** The offset after victim-0's last acknowledged record. */
export const end = ({ fixture }: DamageContext): number => fixture.records.get(DAMAGED_PARTITION)!.length;

/** `file` relative to the data directory, for a damage's description. */
export const where = (context: DamageContext, file: string): string => relative(context.fixture.dataDir, file);

/** Nothing lost and nothing to say: what damage that is repaired at start must leave (verify may still speak). */
export function whole(context: DamageContext, verify: Expectation['verify'] = 'clean'): Expectation {
  return { unreadable: [], logged: [], verify, described: 'clean', keptAside: 'none', nextOffset: end(context) };
}
