/**
 * The records every system gets: values of exactly `valueBytes` printable ASCII bytes
 * (no quotes, backslashes or newlines: nothing to escape in JSON, one record per line for
 * kcat), from a pool of distinct values that producers cycle through, so no system sees
 * one value repeated. No keys and no headers anywhere.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_';
export const POOL_SIZE = 1024;

/** `count` distinct values of `bytes` bytes each, the same in every run. */
export function makeValues(bytes: number, count = POOL_SIZE): string[] {
  let state = 0x2545f491;
  const next = (): number => {
    // xorshift32: deterministic filler.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  return Array.from({ length: count }, (_, i) => {
    const prefix = `${i}:`;
    let text = prefix;
    while (text.length < bytes) text += ALPHABET[next() % ALPHABET.length];
    return text.slice(0, bytes);
  });
}

/** `records` lines (each value then "\n") cycling through `values`, in chunks of about `chunkBytes`. */
export function* lineChunks(
  values: readonly string[],
  records: number,
  chunkBytes = 4 * 1024 * 1024,
): Generator<Buffer> {
  const perChunk = Math.max(1, Math.floor(chunkBytes / (values[0]!.length + 1)));
  for (let start = 0; start < records; start += perChunk) {
    const end = Math.min(records, start + perChunk);
    const lines: string[] = [];
    for (let i = start; i < end; i++) lines.push(values[i % values.length]!);
    yield Buffer.from(`${lines.join('\n')}\n`, 'latin1');
  }
}

/** Writes `records` lines to `path` (the file kcat -P reads). */
export async function writeLinesFile(path: string, values: readonly string[], records: number): Promise<void> {
  const out = createWriteStream(path);
  for (const chunk of lineChunks(values, records)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** The /v1 produce body of `count` records starting at record `first`. */
export function v1ProduceBody(values: readonly string[], first: number, count: number): string {
  const records: { value: string }[] = [];
  for (let i = first; i < first + count; i++) records.push({ value: values[i % values.length]! });
  return JSON.stringify({ records });
}
