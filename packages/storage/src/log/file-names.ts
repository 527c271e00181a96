/**
 * File names inside a partition directory, Kafka's: each segment is named by its base
 * offset, zero-padded to 20 digits: 00000000000000000000.log, .index, .timeindex.
 */
export const LOG_SUFFIX = '.log';
export const INDEX_SUFFIX = '.index';
export const TIME_INDEX_SUFFIX = '.timeindex';
/** Present while a log is cleanly closed; removed when it is opened. */
export const CLEAN_SHUTDOWN_FILE = '.clean-shutdown';
/** The log start offset moved by DeleteRecords (see log-start-offset.ts). */
export const LOG_START_OFFSET_FILE = 'log-start-offset-checkpoint';

const OFFSET_DIGITS = 20;
const SEGMENT_FILE = /^(\d{20})\.(log|index|timeindex)$/;

export function offsetFileName(baseOffset: number, suffix: string): string {
  return String(baseOffset).padStart(OFFSET_DIGITS, '0') + suffix;
}

/** Parses a segment file name into its base offset and kind, or `undefined` for other files. */
export function parseSegmentFileName(
  name: string,
): { baseOffset: number; kind: 'log' | 'index' | 'timeindex' } | undefined {
  const match = SEGMENT_FILE.exec(name);
  if (match === null) return undefined;
  const baseOffset = Number(match[1]);
  if (!Number.isSafeInteger(baseOffset)) return undefined;
  return { baseOffset, kind: match[2] as 'log' | 'index' | 'timeindex' };
}
