/**
 * Version ranges as Kafka's message definitions write them: "0+" (from 0 on), "3-5"
 * (3 to 5), "4" (only 4), "none" (never). Every field of a schema names the versions it
 * is in; nullable and tagged versions use the same notation.
 */

export interface VersionRange {
  readonly min: number;
  /** Infinity for an open range ("3+"). */
  readonly max: number;
}

export const NO_VERSIONS: VersionRange = Object.freeze({ min: 0, max: -1 });

const RANGE = /^(\d+)(\+|-(\d+))?$/;

/** Parses "0+", "3-5", "4" or "none"; throws on anything else (a schema bug, caught by the tests). */
export function parseVersions(text: string): VersionRange {
  if (text === 'none') return NO_VERSIONS;
  const match = RANGE.exec(text);
  if (match === null) throw new Error(`Not a version range: "${text}"`);
  const min = Number(match[1]);
  const max = match[2] === '+' ? Number.POSITIVE_INFINITY : match[3] === undefined ? min : Number(match[3]);
  if (max < min) throw new Error(`Empty version range: "${text}"`);
  return Object.freeze({ min, max });
}

export function inVersions(range: VersionRange, version: number): boolean {
  return version >= range.min && version <= range.max;
}
