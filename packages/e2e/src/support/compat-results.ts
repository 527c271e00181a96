/**
 * The compatibility results the real-client tests record: one JSON line per client and
 * feature, `{"client","feature","status","detail"}`, appended to the file named by
 * `MINI_KAFKA_COMPAT_RESULTS` (only when it is set: `pnpm compat-matrix` sets it and renders
 * the README's matrix from the file). Appends of one short line are atomic, so the test
 * files vitest runs in parallel can share the file.
 */
import { appendFileSync, readFileSync } from 'node:fs';

/** `skip`: the client cannot do it (or is not installed); `pending`: the broker cannot, yet. */
export type CompatStatus = 'pass' | 'fail' | 'skip' | 'pending';

export interface CompatResult {
  /** The client and version as the matrix's column names it: "sarama 1.22.1 (V2_2_0_0)". */
  client: string;
  /** The feature as the matrix's row names it: "admin: create topics". */
  feature: string;
  status: CompatStatus;
  /** Why it failed (the client's error), was skipped or is pending (what is missing); empty on a pass. */
  detail: string;
}

export const COMPAT_RESULTS_ENV = 'MINI_KAFKA_COMPAT_RESULTS';
const DETAIL_LIMIT = 300;

/** Records one result, when this run records results at all. */
export function recordCompat(result: CompatResult): void {
  const file = process.env[COMPAT_RESULTS_ENV];
  if (file === undefined || file === '') return;
  const detail = result.detail.replaceAll(/\s+/g, ' ').trim().slice(0, DETAIL_LIMIT);
  appendFileSync(file, `${JSON.stringify({ ...result, detail })}\n`);
}

/** Every result in `file`; a later line for the same client and feature wins. */
export function readCompatResults(file: string): CompatResult[] {
  const byKey = new Map<string, CompatResult>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const result = JSON.parse(line) as CompatResult;
    byKey.set(`${result.client}\u0000${result.feature}`, result);
  }
  return [...byKey.values()];
}
