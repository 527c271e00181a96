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

/** Which result a cell shows when several tests record the same client and feature. */
const WEIGHT: Record<CompatStatus, number> = { fail: 3, pending: 2, skip: 1, pass: 0 };

/**
 * Every result in `file`, one per client and feature: when several tests record the same
 * pair, a failure wins over anything else (a pass elsewhere must not hide it), then a
 * pending, then a skip; among equals the later line wins.
 */
export function readCompatResults(file: string): CompatResult[] {
  const byKey = new Map<string, CompatResult>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const result = JSON.parse(line) as CompatResult;
    const key = `${result.client}\u0000${result.feature}`;
    const previous = byKey.get(key);
    if (previous === undefined || WEIGHT[result.status] >= WEIGHT[previous.status]) byKey.set(key, result);
  }
  return [...byKey.values()];
}
