/**
 * Where a run's outputs go: bench-results/<stem>.json and .svg in this app (quick and
 * partial runs get stems git ignores), and, with --write-readme, the README's Performance
 * figures; all formatted by Biome, as `pnpm lint` checks them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replaceSection } from './readme-section.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const RESULTS_DIR = fileURLToPath(new URL('../../bench-results/', import.meta.url));
export const README_PATH = join(REPO_ROOT, 'README.md');

export interface WrittenFiles {
  json: string;
  chart: string;
}

/** Formats files the way `pnpm lint` checks them (Biome); a failure leaves them as written. */
function biomeFormat(paths: string[]): void {
  spawnSync('npx', ['biome', 'format', '--write', ...paths], { cwd: REPO_ROOT, stdio: 'ignore' });
}

export function writeRunFiles(stem: string, json: unknown, svg: string): WrittenFiles {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const files = { json: join(RESULTS_DIR, `${stem}.json`), chart: join(RESULTS_DIR, `${stem}.svg`) };
  writeFileSync(files.json, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(files.chart, svg);
  biomeFormat([files.json, files.chart]);
  return files;
}

/** A path as the README links it (relative to the repository root, forward slashes). */
export function fromRoot(path: string): string {
  return relative(REPO_ROOT, path).split('\\').join('/');
}

export function writeReadmeSection(content: string): void {
  const readme = readFileSync(README_PATH, 'utf8');
  writeFileSync(README_PATH, replaceSection(readme, content));
  biomeFormat([README_PATH]);
}
