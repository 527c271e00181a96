/**
 * The records of the crash test, shared by the writer child (`crash-writer.ts`) and
 * the checking parent (`log/crash.test.ts`): every record's value is derived from its
 * key alone, so the parent can verify any record it reads back without being told
 * its content.
 *
 * Keys are `w<writer>-<sequence>`, unique per run. Values are 0..2048 bytes of a
 * xorshift stream seeded by the FNV-1a hash of the key. An ack line, printed by the
 * child only after `append` resolved (that is, after fdatasync), reads
 * `ack <offset> <key> <valueLength> <valueHash>`.
 */

export const MAX_VALUE_BYTES = 2048;

/** FNV-1a, 32 bits, over the bytes of a Latin-1 string or a buffer. */
export function fnv1a(input: string | Uint8Array): number {
  let hash = 0x811c9dc5;
  const length = input.length;
  for (let i = 0; i < length; i++) {
    const byte = typeof input === 'string' ? input.charCodeAt(i) & 0xff : input[i]!;
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function keyFor(writer: number, sequence: number): string {
  return `w${writer}-${sequence}`;
}

/** The value the writer stores under `key`. */
export function valueFor(key: string): Buffer {
  let state = fnv1a(key) || 1;
  const value = Buffer.allocUnsafe(state % (MAX_VALUE_BYTES + 1));
  for (let i = 0; i < value.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    value[i] = state & 0xff;
  }
  return value;
}

export interface Ack {
  offset: number;
  key: string;
  valueLength: number;
  valueHash: number;
}

export function formatAck(offset: number, key: string, value: Uint8Array): string {
  return `ack ${offset} ${key} ${value.length} ${fnv1a(value)}`;
}

/** Parses one whole ack line; `undefined` for anything else. */
export function parseAck(line: string): Ack | undefined {
  const match = /^ack (\d+) (w\d+-\d+) (\d+) (\d+)$/.exec(line);
  if (match === null) return undefined;
  return { offset: Number(match[1]), key: match[2]!, valueLength: Number(match[3]), valueHash: Number(match[4]) };
}
