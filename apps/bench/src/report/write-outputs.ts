/**
 * Where a run's outputs go: bench-results/<stem>.json and .svg in this app (quick runs get
 * a `-quick` stem, which git ignores), and, with --write-readme, the README's Performance
 * figures, formatted by Biome as the rest of the README is.
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

export function writeRunFiles(stem: string, json: unknown, svg: string): WrittenFiles {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const files = { json: join(RESULTS_DIR, `${stem}.json`), chart: join(RESULTS_DIR, `${stem}.svg`) };
  writeFileSync(files.json, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(files.chart, svg);
  return files;
}

/** A path as the README links it (relative to the repository root, forward slashes). */
export function fromRoot(path: string): string {
  return relative(REPO_ROOT, path).split('\\').join('/');
}

export function writeReadmeSection(content: string): void {
  const readme = readFileSync(README_PATH, 'utf8');
  writeFileSync(README_PATH, replaceSection(readme, content));
  spawnSync('npx', ['biome', 'format', '--write', README_PATH], { cwd: REPO_ROOT, stdio: 'ignore' });
}
