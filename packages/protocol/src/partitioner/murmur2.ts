/**
 * MurmurHash2 (32-bit, seed 0x9747b28c), exactly as Apache Kafka's `Utils.murmur2`
 * computes it over a key's bytes, so keys land where the Java client and kafkajs put them.
 * Returns a signed 32-bit integer, like Java's.
 */
const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const blocks = length >> 2;
  for (let i = 0; i < blocks; i++) {
    const at = i << 2;
    let k = data[at]! | (data[at + 1]! << 8) | (data[at + 2]! << 16) | (data[at + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  const tail = blocks << 2;
  const remaining = length & 3;
  if (remaining === 3) h ^= data[tail + 2]! << 16;
  if (remaining >= 2) h ^= data[tail + 1]! << 8;
  if (remaining >= 1) {
    h ^= data[tail]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's `Utils.toPositive`: clears the sign bit (not Math.abs). */
export function toPositive(value: number): number {
  return value & 0x7fffffff;
}
