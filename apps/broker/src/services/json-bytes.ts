/**
 * JsonBytes: JSON text written straight into a growing buffer, as UTF-8 bytes, for answers
 * with many records (json-records.ts): the bytes a record already holds are copied in as
 * they are where JSON allows it, so a large answer is never built as objects, then as one
 * string, then encoded again.
 */
import { isUtf8 } from 'node:buffer';

export class JsonBytes {
  private buffer: Buffer<ArrayBuffer>;
  private at = 0;

  constructor(capacity = 16 * 1024) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.at;
  }

  /** Makes room for `bytes` more. */
  reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  /** Bytes that are JSON text already. */
  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    const { buffer } = this;
    if (bytes.length <= 48) {
      // Short constants (punctuation and names between values): a loop beats a call into native code.
      for (let i = 0; i < bytes.length; i++) buffer[this.at + i] = bytes[i]!;
    } else {
      buffer.set(bytes, this.at);
    }
    this.at += bytes.length;
  }

  /** An integer as JSON writes it. */
  integer(value: number): void {
    if (!(value >= 0 && value <= Number.MAX_SAFE_INTEGER && Number.isInteger(value))) {
      this.ascii(JSON.stringify(value));
      return;
    }
    // Two halves that fit 32-bit arithmetic (offsets and millisecond timestamps have 13 digits or more).
    const high = Math.floor(value / 1e8);
    const low = value - high * 1e8;
    if (high === 0) {
      this.smallInteger(low, 0);
      return;
    }
    this.smallInteger(high, 0);
    this.smallInteger(low, 8);
  }

  /** `value` below 2^31 in decimal, padded with zeros to `width` digits. */
  private smallInteger(value: number, width: number): void {
    let digits = 1;
    for (let rest = value; rest >= 10; rest = (rest / 10) | 0) digits++;
    if (digits < width) digits = width;
    this.reserve(digits);
    const { buffer } = this;
    let rest = value;
    for (let i = this.at + digits - 1; i >= this.at; i--) {
      const next = (rest / 10) | 0;
      buffer[i] = 0x30 + rest - next * 10;
      rest = next;
    }
    this.at += digits;
  }

  /** Text of ASCII characters only (JSON punctuation, names, numbers), one byte each. */
  ascii(text: string): void {
    this.reserve(text.length);
    this.at += this.buffer.write(text, this.at, 'latin1');
  }

  /** Any text, as UTF-8. */
  utf8(text: string): void {
    this.reserve(Buffer.byteLength(text, 'utf8'));
    this.at += this.buffer.write(text, this.at, 'utf8');
  }

  /** `value` as JSON.stringify writes it. */
  json(value: unknown): void {
    this.utf8(JSON.stringify(value));
  }

  /** `bytes` as a JSON string of their text, as `JSON.stringify(bytes.toString('utf8'))` writes it. */
  utf8String(bytes: Buffer): void {
    if (!isPlainJsonText(bytes)) {
      this.json(bytes.toString('utf8'));
      return;
    }
    this.reserve(bytes.length + 2);
    const { buffer } = this;
    buffer[this.at++] = QUOTE;
    buffer.set(bytes, this.at);
    this.at += bytes.length;
    buffer[this.at++] = QUOTE;
  }

  /** `bytes` as a JSON string of their base64. */
  base64String(bytes: Buffer): void {
    this.reserve(Math.ceil(bytes.length / 3) * 4 + 2);
    const { buffer } = this;
    buffer[this.at++] = QUOTE;
    this.at += buffer.write(bytes.toString('base64'), this.at, 'latin1');
    buffer[this.at++] = QUOTE;
  }

  /** A comma, between two values. */
  comma(): void {
    this.reserve(1);
    this.buffer[this.at++] = 0x2c;
  }

  /** What was written, and a fresh start of the same capacity: the bytes are the caller's. */
  take(): Buffer<ArrayBuffer> {
    const written = this.takeLast();
    this.buffer = Buffer.allocUnsafe(written.buffer.byteLength);
    return written;
  }

  /** What was written, when nothing more will be: the writer is empty afterwards. */
  takeLast(): Buffer<ArrayBuffer> {
    const written = this.buffer.subarray(0, this.at);
    this.buffer = EMPTY;
    this.at = 0;
    return written;
  }
}

const QUOTE = 0x22;
const EMPTY = Buffer.alloc(0);
/** 1 for the bytes a JSON string cannot hold as they are: control characters, `"` and `\`. */
const MUST_ESCAPE = new Uint8Array(256);
for (let byte = 0; byte < 0x20; byte++) MUST_ESCAPE[byte] = 1;
MUST_ESCAPE[0x22] = 1;
MUST_ESCAPE[0x5c] = 1;

/**
 * Whether `bytes` are well-formed UTF-8 with nothing JSON escapes: then the JSON string of
 * their text is exactly `"` + bytes + `"` (JSON.stringify escapes only control characters,
 * `"`, `\` and lone surrogates, which well-formed UTF-8 cannot hold).
 */
export function isPlainJsonText(bytes: Buffer): boolean {
  let high = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (MUST_ESCAPE[byte] === 1) return false;
    if (byte >= 0x80) high = true;
  }
  return !high || isUtf8(bytes);
}
