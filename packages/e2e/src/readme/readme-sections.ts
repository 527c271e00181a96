/**
 * The generated parts of the root README: text between `<!-- name:start -->` and
 * `<!-- name:end -->`, rewritten by `pnpm compat-matrix` and checked by tests. Biome formats
 * the README (it pads table columns), so tables are compared cell by cell, not byte by byte.
 */
import { fileURLToPath } from 'node:url';

export const README_PATH = fileURLToPath(new URL('../../../../README.md', import.meta.url));

function markers(name: string): [string, string] {
  return [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
}

/** The text between the markers of `name` (without the newlines next to them). */
export function readSection(readme: string, name: string): string {
  const [start, end] = markers(name);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from === -1 || to < from) throw new Error(`README has no ${start} ... ${end} section`);
  return readme
    .slice(from + start.length, to)
    .replace(/^\n/, '')
    .replace(/\n$/, '');
}

/** `readme` with the section `name` replaced by `content`. */
export function writeSection(readme: string, name: string, content: string): string {
  const [start, end] = markers(name);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from === -1 || to < from) throw new Error(`README has no ${start} ... ${end} section`);
  return `${readme.slice(0, from + start.length)}\n${content}\n${readme.slice(to)}`;
}

/** A markdown table with its padding removed: cells trimmed, separator dashes counted once. */
export function normalizeTable(table: string): string {
  return table
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((cell) => cell.trim().replace(/^(:?)-+(:?)$/, '$1-$2'))
            .join('|')
        : line.trim(),
    )
    .join('\n');
}
