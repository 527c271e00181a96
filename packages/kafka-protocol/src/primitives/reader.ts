/**
 * Reader: decodes Kafka's primitive types from a Buffer, front to back.
 *
 * Grammar (all big-endian; see Kafka's "Protocol Primitive Types"):
 *   int8 | int16 | int32 | int64 | uint32           fixed width, two's complement
 *   boolean                                          int8, 0 = false, anything else = true
 *   uvarint                                          unsigned LEB128, at most 5 bytes, < 2^32
 *   varint | varlong                                 zig-zag, then LEB128 (5 / 10 bytes at most)
 *   string            = int16 n (n >= 0), n UTF-8 bytes          nullable: n = -1 is null
 *   compact string    = uvarint n+1, n UTF-8 bytes               nullable: 0 is null
 *   bytes             = int32 n (n >= 0), n bytes                nullable: n = -1 is null
 *   compact bytes     = uvarint n+1, n bytes                     nullable: 0 is null
 *   array             = int32 n, n items                         nullable: n = -1 is null
 *   compact array     = uvarint n+1, n items                     nullable: 0 is null
 *   tagged fields     = uvarint count, count x (uvarint tag, uvarint size, size bytes)
 *   uuid              = 16 bytes
 *
 * Every read checks that the bytes are there and every length or count is checked
 * against the bytes that are left BEFORE anything is allocated, so a hostile length
 * prefix (2 GB, or -5) fails with a KafkaProtocolError instead of allocating or
 * reading garbage. No other error type escapes a Reader.
 *
 * `bytes()` and friends return views into the underlying buffer (no copy): a caller
 * that keeps them keeps the whole frame alive, and must not mutate the frame.
 */
import { KafkaProtocolError } from '../errors.js';
import { formatUuid } from './uuid.js';

/** A tagged field as it appears on the wire; unknown tags are kept raw. */
export interface TaggedField {
  tag: number;
  data: Buffer;
}

const TWO_POW_32 = 2 ** 32;

export class Reader {
  private offset: number;
  private readonly end: number;

  /** Reads `buffer[start, end)`. */
  constructor(
    private readonly buffer: Buffer,
    start = 0,
    end = buffer.length,
  ) {
    if (start < 0 || end > buffer.length || start > end) {
      throw new KafkaProtocolError('invalid-length', 'Reader bounds outside the buffer', {
        size: buffer.length,
      });
    }
    this.offset = start;
    this.end = end;
  }

  /** The offset of the next byte to read, relative to the start of the buffer. */
  get position(): number {
    return this.offset;
  }

  /** How many bytes are left. */
  get remaining(): number {
    return this.end - this.offset;
  }

  /** Throws unless `n` more bytes are available; returns the offset to read them at. */
  private take(n: number, what: string): number {
    if (n > this.end - this.offset) {
      throw new KafkaProtocolError('truncated', `Truncated ${what}: needs ${n} bytes, ${this.remaining} left`, {
        offset: this.offset,
        size: n,
        limit: this.remaining,
      });
    }
    const at = this.offset;
    this.offset += n;
    return at;
  }

  /** Throws unless a decoded length is in [0, remaining]. */
  private checkLength(length: number, what: string, unitSize = 1): void {
    if (length < 0 || length * unitSize > this.remaining) {
      throw new KafkaProtocolError('invalid-length', `Invalid ${what} length ${length}: ${this.remaining} bytes left`, {
        offset: this.offset,
        size: length,
        limit: this.remaining,
      });
    }
  }

  int8(): number {
    return this.buffer.readInt8(this.take(1, 'int8'));
  }

  int16(): number {
    return this.buffer.readInt16BE(this.take(2, 'int16'));
  }

  int32(): number {
    return this.buffer.readInt32BE(this.take(4, 'int32'));
  }

  uint32(): number {
    return this.buffer.readUInt32BE(this.take(4, 'uint32'));
  }

  /** An int64 as a number; throws `unsafe-integer` outside ±(2^53-1). */
  int64(): number {
    const at = this.take(8, 'int64');
    const value = this.buffer.readInt32BE(at) * TWO_POW_32 + this.buffer.readUInt32BE(at + 4);
    // Rounding is monotonic and ±2^53 are representable, so an unsafe true value never rounds to a safe one.
    if (!Number.isSafeInteger(value)) {
      throw new KafkaProtocolError('unsafe-integer', 'int64 outside the safe integer range', { offset: at });
    }
    return value;
  }

  /** An int64 as a bigint, exact over the whole range. */
  int64BigInt(): bigint {
    return this.buffer.readBigInt64BE(this.take(8, 'int64'));
  }

  boolean(): boolean {
    return this.int8() !== 0;
  }

  /** An unsigned varint of at most 5 bytes and 32 bits. */
  uvarint(): number {
    const start = this.offset;
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = this.buffer[this.take(1, 'varint')] as number;
      if (i === 4 && byte > 0x0f) break;
      value += (byte & 0x7f) * 2 ** (7 * i);
      if ((byte & 0x80) === 0) return value;
    }
    throw new KafkaProtocolError('invalid-varint', 'Unsigned varint longer than 32 bits', { offset: start });
  }

  /** A zig-zag signed varint (int32). */
  varint(): number {
    const n = this.uvarint();
    return (n >>> 1) ^ -(n & 1);
  }

  /** A zig-zag signed varlong as a number; throws `unsafe-integer` outside ±(2^53-1). */
  varlong(): number {
    const start = this.offset;
    const value = this.varlongBigInt();
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new KafkaProtocolError('unsafe-integer', 'varlong outside the safe integer range', { offset: start });
    }
    return Number(value);
  }

  /** A zig-zag signed varlong (int64) as a bigint. */
  varlongBigInt(): bigint {
    const start = this.offset;
    let value = 0n;
    for (let i = 0; i < 10; i++) {
      const byte = this.buffer[this.take(1, 'varlong')] as number;
      if (i === 9 && byte > 0x01) break;
      value |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if ((byte & 0x80) === 0) return (value >> 1n) ^ -(value & 1n);
    }
    throw new KafkaProtocolError('invalid-varint', 'Varlong longer than 64 bits', { offset: start });
  }

  /** Reads `length` bytes as UTF-8. */
  private utf8(length: number, what: string): string {
    this.checkLength(length, what);
    const at = this.take(length, what);
    return this.buffer.toString('utf8', at, at + length);
  }

  /** Reads `length` bytes as a view. */
  private view(length: number, what: string): Buffer {
    this.checkLength(length, what);
    const at = this.take(length, what);
    return this.buffer.subarray(at, at + length);
  }

  string(): string {
    return this.utf8(this.int16(), 'string');
  }

  nullableString(): string | null {
    const length = this.int16();
    return length === -1 ? null : this.utf8(length, 'string');
  }

  compactString(): string {
    return this.utf8(this.uvarint() - 1, 'compact string');
  }

  compactNullableString(): string | null {
    const n = this.uvarint();
    return n === 0 ? null : this.utf8(n - 1, 'compact string');
  }

  bytes(): Buffer {
    return this.view(this.int32(), 'bytes');
  }

  nullableBytes(): Buffer | null {
    const length = this.int32();
    return length === -1 ? null : this.view(length, 'bytes');
  }

  compactBytes(): Buffer {
    return this.view(this.uvarint() - 1, 'compact bytes');
  }

  compactNullableBytes(): Buffer | null {
    const n = this.uvarint();
    return n === 0 ? null : this.view(n - 1, 'compact bytes');
  }

  /** Reads `count` items; `minItemSize` (bytes, >= 1) bounds the count by what is left. */
  private items<T>(count: number, read: (reader: Reader) => T, minItemSize: number, what: string): T[] {
    this.checkLength(count, what, Math.max(1, minItemSize));
    const items: T[] = [];
    for (let i = 0; i < count; i++) items.push(read(this));
    return items;
  }

  array<T>(read: (reader: Reader) => T, minItemSize = 1): T[] {
    return this.items(this.int32(), read, minItemSize, 'array');
  }

  nullableArray<T>(read: (reader: Reader) => T, minItemSize = 1): T[] | null {
    const count = this.int32();
    return count === -1 ? null : this.items(count, read, minItemSize, 'array');
  }

  compactArray<T>(read: (reader: Reader) => T, minItemSize = 1): T[] {
    return this.items(this.uvarint() - 1, read, minItemSize, 'compact array');
  }

  compactNullableArray<T>(read: (reader: Reader) => T, minItemSize = 1): T[] | null {
    const n = this.uvarint();
    return n === 0 ? null : this.items(n - 1, read, minItemSize, 'compact array');
  }

  /** An array of int32 (a common shape: partition indexes, broker ids). */
  int32Array(): number[] {
    return this.array((r) => r.int32(), 4);
  }

  /** Reads a tagged-field section; callers that know no tags simply ignore the result. */
  taggedFields(): TaggedField[] {
    return this.items(
      this.uvarint(),
      (r) => {
        const tag = r.uvarint();
        return { tag, data: r.view(r.uvarint(), 'tagged field') };
      },
      2,
      'tagged fields',
    );
  }

  /** A UUID in its 8-4-4-4-12 hex form. */
  uuid(): string {
    const at = this.take(16, 'uuid');
    return formatUuid(this.buffer.subarray(at, at + 16));
  }

  /** Every byte that is left, as a view. */
  rest(): Buffer {
    return this.view(this.remaining, 'rest');
  }
}
