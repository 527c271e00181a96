/**
 * Kafka's record-level variable-length integers: zig-zag encoded, then base-128 with
 * the low 7-bit group first and the high bit of each byte set while more follow
 * (0x16 = 11, 0x01 = -1). `varint` covers int32, `varlong` int64 as far as a JS
 * number holds it exactly (|n| <= 2^53 - 1).
 *
 * These are not the unsigned varints of Kafka's flexible request versions.
 */

const TWO_POW_32 = 4294967296;

/** Bytes needed for the zig-zag varint of a 32-bit integer. */
export function varintSize(value: number): number {
  let zigzag = ((value << 1) ^ (value >> 31)) >>> 0;
  let size = 1;
  while (zigzag >= 0x80) {
    zigzag >>>= 7;
    size++;
  }
  return size;
}

/** Writes the zig-zag varint of a 32-bit integer at `offset`; returns the offset after it. */
export function writeVarint(buffer: Uint8Array, offset: number, value: number): number {
  let zigzag = ((value << 1) ^ (value >> 31)) >>> 0;
  while (zigzag >= 0x80) {
    buffer[offset++] = (zigzag & 0x7f) | 0x80;
    zigzag >>>= 7;
  }
  buffer[offset++] = zigzag;
  return offset;
}

function zigzag64(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

/** Bytes needed for the zig-zag varlong of an integer. */
export function varlongSize(value: number): number {
  let zigzag = zigzag64(value);
  let size = 1;
  while (zigzag >= 0x80) {
    zigzag = Math.floor(zigzag / 128);
    size++;
  }
  return size;
}

/** Writes the zig-zag varlong of an integer at `offset`; returns the offset after it. */
export function writeVarlong(buffer: Uint8Array, offset: number, value: number): number {
  if (value >= -0x40000000 && value < 0x40000000) return writeVarint(buffer, offset, value);
  // zig-zag = 2q + sign, with q = value or -value - 1. Writing the sign and q's low six
  // bits first keeps every intermediate below 2^53, where 2|value| - 1 would not be.
  const negative = value < 0;
  const q = negative ? -value - 1 : value;
  buffer[offset++] = ((q % 64) * 2 + (negative ? 1 : 0)) | 0x80; // |value| >= 2^30: more bytes follow
  let rest = Math.floor(q / 64);
  while (rest >= 0x80) {
    buffer[offset++] = (rest % 128) | 0x80;
    rest = Math.floor(rest / 128);
  }
  buffer[offset++] = rest;
  return offset;
}

/**
 * A cursor over a buffer for reading varints. Reading past the end or an overlong
 * encoding throws a RangeError, which decoders turn into a corrupt-batch error.
 */
export class VarintReader {
  constructor(
    public buffer: Uint8Array,
    public position = 0,
    public end = buffer.length,
  ) {}

  readVarint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.position >= this.end) throw new RangeError('varint runs past the end of the data');
      const byte = this.buffer[this.position++]!;
      if (shift === 28) {
        if (byte > 0x0f) throw new RangeError('varint is longer than 5 bytes');
        result |= byte << 28;
        break;
      }
      result |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7;
    }
    return (result >>> 1) ^ -(result & 1);
  }

  readVarlong(): number {
    // Rebuild q (zig-zag = 2q + sign) rather than the zig-zag value, which may exceed 2^53.
    let q = 0;
    let negative = false;
    let multiplier = 1;
    for (let i = 0; ; i++) {
      if (this.position >= this.end) throw new RangeError('varlong runs past the end of the data');
      if (i === 8) throw new RangeError('varlong exceeds the safe integer range');
      const byte = this.buffer[this.position++]!;
      if (i === 0) {
        negative = (byte & 1) === 1;
        q = (byte & 0x7f) >>> 1;
        multiplier = 64;
      } else {
        q += (byte & 0x7f) * multiplier;
        multiplier *= 128;
      }
      if ((byte & 0x80) === 0) break;
    }
    return negative ? -q - 1 : q;
  }
}

/** Reads a big-endian int64 as a number (exact within ±2^53). */
export function readInt64(buffer: Buffer, offset: number): number {
  return buffer.readInt32BE(offset) * TWO_POW_32 + buffer.readUInt32BE(offset + 4);
}

/** Writes an integer (exact within ±2^53) as a big-endian int64. */
export function writeInt64(buffer: Buffer, offset: number, value: number): void {
  const high = Math.floor(value / TWO_POW_32);
  buffer.writeInt32BE(high, offset);
  buffer.writeUInt32BE(value - high * TWO_POW_32, offset + 4);
}
