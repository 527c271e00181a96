/**
 * Compiles a body of fields, for one version, into a decoder and an encoder.
 *
 * Per version, each field is one of:
 *   absent   not in this version: decoded as its default, never written;
 *   inline   written in order: compact strings, bytes and arrays when the version is
 *            flexible (KIP-482), classic ones otherwise; null only where nullable;
 *   tagged   flexible versions only: written in the body's tagged-field section when
 *            its value differs from the default, read from it when present.
 * Every flexible body (the message and each struct in it) ends with a tagged-field
 * section; unknown tags are skipped, as Kafka does.
 *
 * Compilation happens once per body and version; the closures it returns do no
 * version checks of their own.
 */
import { KafkaProtocolError } from '../errors.js';
import { Reader } from '../primitives/reader.js';
import { type RecordSet, Writer } from '../primitives/writer.js';
import type { Field, Fields, ScalarKind } from './fields.js';
import { inVersions } from './versions.js';

type Decode = (reader: Reader) => unknown;
type Encode = (writer: Writer, value: unknown) => void;

export interface CompiledBody {
  decode(reader: Reader): Record<string, unknown>;
  encode(writer: Writer, value: Record<string, unknown>): void;
}

interface Codec {
  decode: Decode;
  encode: Encode;
  /** Smallest encoded size of one value: bounds array counts by the bytes left. */
  minSize: number;
}

const FIXED_SIZES: Partial<Record<ScalarKind, number>> = { int8: 1, bool: 1, int16: 2, int32: 4, int64: 8, uuid: 16 };

function notNullable(path: string, version: number): KafkaProtocolError {
  return new KafkaProtocolError('invalid-value', `${path} cannot be null in v${version}`, { version });
}

function scalarCodec(kind: ScalarKind, nullable: boolean, flexible: boolean, path: string, version: number): Codec {
  const minSize = FIXED_SIZES[kind] ?? 1;
  switch (kind) {
    case 'int8':
      return { decode: (r) => r.int8(), encode: (w, v) => w.int8(v as number), minSize };
    case 'int16':
      return { decode: (r) => r.int16(), encode: (w, v) => w.int16(v as number), minSize };
    case 'int32':
      return { decode: (r) => r.int32(), encode: (w, v) => w.int32(v as number), minSize };
    case 'int64':
      return { decode: (r) => r.int64(), encode: (w, v) => w.int64(v as number), minSize };
    case 'bool':
      return { decode: (r) => r.boolean(), encode: (w, v) => w.boolean(v as boolean), minSize };
    case 'uuid':
      return { decode: (r) => r.uuid(), encode: (w, v) => w.uuid(v as string), minSize };
    case 'string':
      if (flexible) {
        return nullable
          ? {
              decode: (r) => r.compactNullableString(),
              encode: (w, v) => w.compactNullableString(v as string),
              minSize,
            }
          : { decode: (r) => r.compactString(), encode: (w, v) => w.compactString(nonNull(v, path, version)), minSize };
      }
      return nullable
        ? { decode: (r) => r.nullableString(), encode: (w, v) => w.nullableString(v as string), minSize: 2 }
        : { decode: (r) => r.string(), encode: (w, v) => w.string(nonNull(v, path, version)), minSize: 2 };
    case 'records':
      // Written by reference (Writer.records): a Fetch answer's batches are not copied.
      if (flexible) {
        return {
          decode: (r) => (nullable ? r.compactNullableBytes() : r.compactBytes()),
          encode: (w, v) => {
            if (v !== null) w.compactRecords(v as RecordSet);
            else if (nullable) w.uvarint(0);
            else throw notNullable(path, version);
          },
          minSize,
        };
      }
      return {
        decode: (r) => (nullable ? r.nullableBytes() : r.bytes()),
        encode: (w, v) => {
          if (v !== null) w.records(v as RecordSet);
          else if (nullable) w.int32(-1);
          else throw notNullable(path, version);
        },
        minSize: 4,
      };
    case 'bytes':
      if (flexible) {
        return nullable
          ? { decode: (r) => r.compactNullableBytes(), encode: (w, v) => w.compactNullableBytes(v as Buffer), minSize }
          : { decode: (r) => r.compactBytes(), encode: (w, v) => w.compactBytes(nonNull(v, path, version)), minSize };
      }
      return nullable
        ? { decode: (r) => r.nullableBytes(), encode: (w, v) => w.nullableBytes(v as Buffer), minSize: 4 }
        : { decode: (r) => r.bytes(), encode: (w, v) => w.bytes(nonNull(v, path, version)), minSize: 4 };
  }
}

function nonNull<T>(value: unknown, path: string, version: number): T {
  if (value === null) throw notNullable(path, version);
  return value as T;
}

function arrayCodec(item: Codec, nullable: boolean, flexible: boolean, path: string, version: number): Codec {
  const { decode: read, encode: write, minSize } = item;
  if (flexible) {
    return nullable
      ? {
          decode: (r) => r.compactNullableArray(read, minSize),
          encode: (w, v) => w.compactNullableArray(v as unknown[] | null, write),
          minSize: 1,
        }
      : {
          decode: (r) => r.compactArray(read, minSize),
          encode: (w, v) => w.compactArray(nonNull<unknown[]>(v, path, version), write),
          minSize: 1,
        };
  }
  return nullable
    ? {
        decode: (r) => r.nullableArray(read, minSize),
        encode: (w, v) => w.nullableArray(v as unknown[] | null, write),
        minSize: 4,
      }
    : {
        decode: (r) => r.array(read, minSize),
        encode: (w, v) => w.array(nonNull<unknown[]>(v, path, version), write),
        minSize: 4,
      };
}

/** A nullable struct is written as an int8 marker (-1 null, 1 present) before its body. */
function structCodec(body: CompiledBody, nullable: boolean, path: string, version: number): Codec {
  const decode: Decode = (r) => body.decode(r);
  const encode: Encode = (w, v) => body.encode(w, nonNull(v, path, version));
  if (!nullable) return { decode, encode, minSize: 1 };
  return {
    decode: (r) => (r.int8() < 0 ? null : decode(r)),
    encode: (w, v) => {
      if (v === null) {
        w.int8(-1);
        return;
      }
      w.int8(1);
      encode(w, v);
    },
    minSize: 1,
  };
}

function fieldCodec(field: Field<unknown, unknown, boolean>, version: number, flexible: boolean, path: string): Codec {
  const nullable = inVersions(field.nullableVersions, version);
  if (field.shape === 'scalar') return scalarCodec(field.scalar!, nullable, flexible, path, version);
  if (field.shape === 'struct') {
    return structCodec(compileBody(field.fields!, version, flexible, path), nullable, path, version);
  }
  const item =
    field.scalar !== undefined
      ? scalarCodec(field.scalar, false, flexible, `${path}[]`, version)
      : structCodec(compileBody(field.fields!, version, flexible, `${path}[]`), false, `${path}[]`, version);
  return arrayCodec(item, nullable, flexible, path, version);
}

/** True when a tagged field's value is its default, so it is left out of the tagged section. */
function isDefault(value: unknown, fallback: unknown): boolean {
  if (value === fallback) return true;
  if (Array.isArray(value)) return Array.isArray(fallback) && value.length === 0 && fallback.length === 0;
  if (Buffer.isBuffer(value)) return Buffer.isBuffer(fallback) && value.equals(fallback);
  if (typeof value === 'object' && value !== null && typeof fallback === 'object' && fallback !== null) {
    const defaults = fallback as Record<string, unknown>;
    return Object.entries(value).every(([key, inner]) => inner === undefined || isDefault(inner, defaults[key]));
  }
  return false;
}

interface TaggedSlot {
  name: string;
  tag: number;
  codec: Codec;
  makeDefault: () => unknown;
}

/** Compiles `fields` for `version`; `path` names the body in error messages. */
export function compileBody(fields: Fields, version: number, flexible: boolean, path = ''): CompiledBody {
  const names: string[] = [];
  const decoders: Decode[] = [];
  const encoders: Encode[] = [];
  const tagged: TaggedSlot[] = [];
  for (const [name, field] of Object.entries(fields)) {
    const at = path === '' ? name : `${path}.${name}`;
    const { makeDefault } = field;
    if (!inVersions(field.versions, version)) {
      names.push(name);
      decoders.push(() => makeDefault());
      encoders.push(() => {});
      continue;
    }
    const codec = fieldCodec(field, version, flexible, at);
    if (flexible && field.tag !== undefined && inVersions(field.taggedVersions, version)) {
      tagged.push({ name, tag: field.tag, codec, makeDefault });
      continue;
    }
    names.push(name);
    decoders.push(codec.decode);
    encoders.push((w, v) => codec.encode(w, v === undefined ? makeDefault() : v));
  }
  tagged.sort((a, b) => a.tag - b.tag);
  const byTag = new Map(tagged.map((slot) => [slot.tag, slot]));
  const count = names.length;

  const decode = (reader: Reader): Record<string, unknown> => {
    const value: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) value[names[i]!] = decoders[i]!(reader);
    if (!flexible) return value;
    for (const slot of tagged) value[slot.name] = slot.makeDefault();
    for (const { tag, data } of reader.taggedFields()) {
      const slot = byTag.get(tag);
      if (slot === undefined) continue;
      const inner = new Reader(data);
      value[slot.name] = slot.codec.decode(inner);
      if (inner.remaining !== 0) {
        throw new KafkaProtocolError('invalid-length', `Tagged field ${tag} of ${path || 'the body'} has extra bytes`, {
          tag,
        });
      }
    }
    return value;
  };

  const encode = (writer: Writer, value: Record<string, unknown>): void => {
    for (let i = 0; i < count; i++) encoders[i]!(writer, value[names[i]!]);
    if (!flexible) return;
    if (tagged.length === 0) {
      writer.uvarint(0);
      return;
    }
    const present = [];
    for (const slot of tagged) {
      const fieldValue = value[slot.name];
      if (fieldValue === undefined || isDefault(fieldValue, slot.makeDefault())) continue;
      const inner = new Writer(64);
      slot.codec.encode(inner, fieldValue);
      present.push({ tag: slot.tag, data: inner.toBuffer() });
    }
    writer.taggedFields(present);
  };

  return { decode, encode };
}
