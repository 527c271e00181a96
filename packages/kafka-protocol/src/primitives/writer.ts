/**
 * Writer: encodes Kafka's primitive types into a Buffer that grows as needed.
 * The grammar is the Reader's (see reader.ts); every method is its mirror image.
 *
 * Values are checked before they are written: an int16 of 40000, a fractional
 * int32, a string longer than an int16 length can say, all throw a
 * KafkaProtocolError ('invalid-value') rather than writing wrapped-around bytes.
 *
 * A Writer is single-use: `toBuffer()` returns a view of its internal buffer.
 *
 * Record sets (`records`, `compactRecords`) are not copied: their bytes are kept by reference
 * and `toChunks()` gives the output as the written bytes and those buffers in order, for a
 * socket's writev. `toBuffer()` joins them into one buffer when there are any.
 */
import { KafkaProtocolError } from '../errors.js';
import type { TaggedField } from './reader.js';
import { parseUuid } from './uuid.js';

const TWO_POW_32 = 2 ** 32;
/** Referenced bytes shorter than this are copied instead: one more chunk costs more than the copy. */
const MIN_REFERENCE_BYTES = 4096;
const MAX_INT16 = 0x7fff;
const MAX_INT32 = 0x7fffffff;

function checkInteger(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new KafkaProtocolError('invalid-value', `Value out of range for ${what}`, { limit: max });
  }
}

/** A record set: one buffer, or chunks that are its bytes back to back. */
export type RecordSet = Uint8Array | readonly Uint8Array[];

/** Bytes kept by reference, to go out after the first `at` bytes of the internal buffer. */
interface Reference {
  at: number;
  bytes: Uint8Array;
}

export class Writer {
  private buffer: Buffer;
  private length = 0;
  private readonly references: Reference[] = [];
  private referencedBytes = 0;

  constructor(initialCapacity = 256) {
    this.buffer = Buffer.allocUnsafe(Math.max(16, initialCapacity));
  }

  /** Bytes written so far, referenced ones included. */
  get size(): number {
    return this.length + this.referencedBytes;
  }

  /** Makes room for `n` more bytes and returns the offset to write them at. */
  private reserve(n: number): number {
    const needed = this.length + n;
    if (needed > this.buffer.length) {
      let capacity = this.buffer.length * 2;
      while (capacity < needed) capacity *= 2;
      const grown = Buffer.allocUnsafe(capacity);
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    const at = this.length;
    this.length = needed;
    return at;
  }

  /** Appends one byte (0..255, unchecked: callers compute it). */
  private byte(value: number): void {
    const at = this.reserve(1);
    this.buffer[at] = value;
  }

  int8(value: number): this {
    checkInteger(value, -0x80, 0x7f, 'int8');
    const at = this.reserve(1);
    this.buffer.writeInt8(value, at);
    return this;
  }

  int16(value: number): this {
    checkInteger(value, -0x8000, MAX_INT16, 'int16');
    const at = this.reserve(2);
    this.buffer.writeInt16BE(value, at);
    return this;
  }

  int32(value: number): this {
    checkInteger(value, -0x80000000, MAX_INT32, 'int32');
    const at = this.reserve(4);
    this.buffer.writeInt32BE(value, at);
    return this;
  }

  uint32(value: number): this {
    checkInteger(value, 0, 0xffffffff, 'uint32');
    const at = this.reserve(4);
    this.buffer.writeUInt32BE(value, at);
    return this;
  }

  /** An int64 from a safe-integer number or any int64 bigint. */
  int64(value: number | bigint): this {
    if (typeof value === 'bigint') {
      if (value < -(2n ** 63n) || value >= 2n ** 63n) {
        throw new KafkaProtocolError('invalid-value', 'Value out of range for int64');
      }
      const at = this.reserve(8);
      this.buffer.writeBigInt64BE(value, at);
      return this;
    }
    checkInteger(value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'int64');
    const high = Math.floor(value / TWO_POW_32);
    const at = this.reserve(8);
    this.buffer.writeInt32BE(high, at);
    this.buffer.writeUInt32BE(value - high * TWO_POW_32, at + 4);
    return this;
  }

  boolean(value: boolean): this {
    return this.int8(value ? 1 : 0);
  }

  /** An unsigned varint, 0 .. 2^32-1. */
  uvarint(value: number): this {
    checkInteger(value, 0, 0xffffffff, 'unsigned varint');
    let rest = value;
    while (rest >= 0x80) {
      this.byte((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.byte(rest);
    return this;
  }

  /** A zig-zag signed varint (int32). */
  varint(value: number): this {
    checkInteger(value, -0x80000000, MAX_INT32, 'varint');
    return this.uvarint(((value << 1) ^ (value >> 31)) >>> 0);
  }

  /** A zig-zag signed varlong from a safe-integer number or an int64 bigint. */
  varlong(value: number | bigint): this {
    let zigzag: bigint | number;
    if (typeof value === 'bigint') {
      if (value < -(2n ** 63n) || value >= 2n ** 63n) {
        throw new KafkaProtocolError('invalid-value', 'Value out of range for varlong');
      }
      zigzag = value >= 0n ? value << 1n : (-value << 1n) - 1n;
      while (zigzag >= 0x80n) {
        this.byte(Number(zigzag & 0x7fn) | 0x80);
        zigzag >>= 7n;
      }
      this.byte(Number(zigzag));
      return this;
    }
    checkInteger(value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'varlong');
    // Below 2^52 in magnitude the zig-zag value stays below 2^53, exact in a double.
    if (Math.abs(value) >= 2 ** 52) return this.varlong(BigInt(value));
    zigzag = value >= 0 ? value * 2 : -value * 2 - 1;
    while (zigzag >= 0x80) {
      this.byte((zigzag % 0x80) | 0x80);
      zigzag = Math.floor(zigzag / 0x80);
    }
    this.byte(zigzag);
    return this;
  }

  /** Raw bytes, no length prefix. */
  raw(bytes: Uint8Array): this {
    const at = this.reserve(bytes.length);
    this.buffer.set(bytes, at);
    return this;
  }

  /** Appends bytes by reference (a short run is copied): they must not change until the output is used. */
  private reference(bytes: Uint8Array): void {
    if (bytes.length < MIN_REFERENCE_BYTES) {
      this.raw(bytes);
      return;
    }
    this.references.push({ at: this.length, bytes });
    this.referencedBytes += bytes.length;
  }

  /** A record set as bytes (int32 length), its chunks kept by reference. */
  records(value: RecordSet): this {
    const chunks = value instanceof Uint8Array ? [value] : value;
    this.int32(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    for (const chunk of chunks) this.reference(chunk);
    return this;
  }

  /** A record set as compact bytes (unsigned varint length + 1), its chunks kept by reference. */
  compactRecords(value: RecordSet): this {
    const chunks = value instanceof Uint8Array ? [value] : value;
    this.uvarint(chunks.reduce((sum, chunk) => sum + chunk.length, 0) + 1);
    for (const chunk of chunks) this.reference(chunk);
    return this;
  }

  private utf8(value: string, maxLength: number, prefix: (length: number) => void): this {
    const length = Buffer.byteLength(value, 'utf8');
    if (length > maxLength) {
      throw new KafkaProtocolError('invalid-value', 'String too long for its length prefix', {
        size: length,
        limit: maxLength,
      });
    }
    prefix(length);
    const at = this.reserve(length);
    this.buffer.write(value, at, length, 'utf8');
    return this;
  }

  string(value: string): this {
    return this.utf8(value, MAX_INT16, (n) => this.int16(n));
  }

  nullableString(value: string | null): this {
    return value === null ? this.int16(-1) : this.string(value);
  }

  compactString(value: string): this {
    return this.utf8(value, MAX_INT16, (n) => this.uvarint(n + 1));
  }

  compactNullableString(value: string | null): this {
    return value === null ? this.uvarint(0) : this.compactString(value);
  }

  bytes(value: Uint8Array): this {
    return this.int32(value.length).raw(value);
  }

  nullableBytes(value: Uint8Array | null): this {
    return value === null ? this.int32(-1) : this.bytes(value);
  }

  compactBytes(value: Uint8Array): this {
    return this.uvarint(value.length + 1).raw(value);
  }

  compactNullableBytes(value: Uint8Array | null): this {
    return value === null ? this.uvarint(0) : this.compactBytes(value);
  }

  array<T>(items: readonly T[], write: (writer: Writer, item: T) => void): this {
    this.int32(items.length);
    for (const item of items) write(this, item);
    return this;
  }

  nullableArray<T>(items: readonly T[] | null, write: (writer: Writer, item: T) => void): this {
    return items === null ? this.int32(-1) : this.array(items, write);
  }

  compactArray<T>(items: readonly T[], write: (writer: Writer, item: T) => void): this {
    this.uvarint(items.length + 1);
    for (const item of items) write(this, item);
    return this;
  }

  compactNullableArray<T>(items: readonly T[] | null, write: (writer: Writer, item: T) => void): this {
    return items === null ? this.uvarint(0) : this.compactArray(items, write);
  }

  /** An array of int32 (partition indexes, broker ids). */
  int32Array(items: readonly number[]): this {
    return this.array(items, (w, n) => w.int32(n));
  }

  /** A tagged-field section; empty unless fields are given (tags must ascend). */
  taggedFields(fields: readonly TaggedField[] = []): this {
    this.uvarint(fields.length);
    for (const field of fields) this.uvarint(field.tag).uvarint(field.data.length).raw(field.data);
    return this;
  }

  uuid(value: string): this {
    return this.raw(parseUuid(value));
  }

  /** Overwrites an int32 already written at `offset` (a size prefix, say), never in referenced bytes. */
  setInt32(offset: number, value: number): this {
    checkInteger(value, -0x80000000, MAX_INT32, 'int32');
    // Where `offset` is in the internal buffer: the referenced bytes before it are not there.
    let skipped = 0;
    let end = this.length;
    let inside = false;
    for (const reference of this.references) {
      const start = reference.at + skipped;
      if (offset < start) {
        end = reference.at;
        break;
      }
      inside = offset < start + reference.bytes.length;
      if (inside) break;
      skipped += reference.bytes.length;
    }
    const at = offset - skipped;
    if (offset < 0 || inside || at + 4 > end) {
      throw new KafkaProtocolError('invalid-value', 'setInt32 outside the written bytes', { offset });
    }
    this.buffer.writeInt32BE(value, at);
    return this;
  }

  /** The bytes written, as a view of the internal buffer (joined with referenced bytes into a new one, if any). */
  toBuffer(): Buffer {
    if (this.references.length === 0) return this.buffer.subarray(0, this.length);
    return Buffer.concat(this.toChunks(), this.size);
  }

  /** The output as chunks, in order: views of the internal buffer and the referenced bytes, none copied. */
  toChunks(): Buffer[] {
    const chunks: Buffer[] = [];
    let from = 0;
    for (const { at, bytes } of this.references) {
      if (at > from) chunks.push(this.buffer.subarray(from, at));
      chunks.push(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      from = at;
    }
    if (this.length > from) chunks.push(this.buffer.subarray(from, this.length));
    return chunks;
  }
}
