/**
 * A small seeded pseudo-random generator for tests that must replay exactly.
 *
 * The generator is a Weyl sequence (add the 32-bit golden ratio) passed through MurmurHash3's
 * 32-bit finalizer: tiny, fast, and good enough to spread test choices; not for cryptography.
 * `derive(seed, label)` gives each test case (or each child process) its own stream that
 * depends only on the seed and the label, whichever other tests run. Seeds come from
 * `testSeed()` (test-seed.ts).
 */

/** MurmurHash3's 32-bit finalizer: every input bit affects every output bit. */
function mix(value: number): number {
  let z = value >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a over the UTF-16 code units of a label. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    // Seeds beyond 32 bits fold their high part in, so distinct safe integers rarely collide.
    this.state = mix((seed >>> 0) ^ mix(Math.floor(seed / 0x100000000)));
  }

  /** A stream of its own for `label`, from `seed` alone. */
  static derive(seed: number, label: string): SeededRandom {
    return new SeededRandom(mix(new SeededRandom(seed).uint32() ^ hashLabel(label)));
  }

  /** The next 32 random bits, as an unsigned integer. */
  uint32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    return mix(this.state);
  }

  /** An integer in [0, bound), for bounds up to 2^32. */
  int(bound: number): number {
    return Math.floor((this.uint32() / 0x100000000) * bound);
  }

  /** `length` random bytes. */
  bytes(length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    for (let i = 0; i < length; i++) out[i] = this.uint32() & 0xff;
    return out;
  }
}
