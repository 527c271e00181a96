/**
 * The field description language: a message is an object of fields, in wire order,
 * each built by one of the helpers below from the facts in Kafka's message definitions
 * (its type, the versions it is in, the versions it may be null in, its tag):
 *
 *   const MetadataRequestFields = {
 *     topics: array('0+', { topicId: uuid('10+'), name: string('0+', { nullable: '10+' }) }, { nullable: '1+' }),
 *     allowAutoTopicCreation: bool('4+', { default: true }),
 *   };
 *
 * Field names are Kafka's, in lowerCamelCase. The TypeScript types follow from the
 * description: `Message<F>` is what a decoder returns (every field present; one the
 * version lacks holds its default), `MessageInput<F>` what an encoder accepts (fields
 * that are in every version from 0, untagged, are required; the rest may be left out
 * and are written as their defaults).
 *
 * Defaults: 0 for numbers, false, '' for strings, an empty buffer for bytes, [] for
 * arrays, the all-zero uuid, null for fields nullable in any version, a struct of
 * defaults for structs; or the `default` option.
 */
import type { RecordSet } from '../primitives/writer.js';
import { NO_VERSIONS, parseVersions, type VersionRange } from './versions.js';

/** The wire types of single values. `records` is Kafka's record set: nullable bytes. */
export type ScalarKind = 'int8' | 'int16' | 'int32' | 'int64' | 'bool' | 'uuid' | 'string' | 'bytes' | 'records';

/** The TypeScript type of a scalar. */
export type ScalarType<K extends ScalarKind> = K extends 'bool'
  ? boolean
  : K extends 'uuid' | 'string'
    ? string
    : K extends 'bytes' | 'records'
      ? Buffer
      : number;

/** A message or struct body: field name to field, in wire order. */
export type Fields = { readonly [name: string]: Field<unknown, unknown, boolean> };

/**
 * One field. `T` is its decoded type, `In` what an encoder accepts, `Required` whether
 * an encoder needs it (phantom parameters: they exist for the types only).
 */
export interface Field<T, In, Required extends boolean> {
  readonly shape: 'scalar' | 'array' | 'struct';
  /** The scalar type, or the item type of an array of scalars. */
  readonly scalar: ScalarKind | undefined;
  /** The body of a struct, or the item body of an array of structs. */
  readonly fields: Fields | undefined;
  readonly versions: VersionRange;
  readonly nullableVersions: VersionRange;
  readonly tag: number | undefined;
  readonly taggedVersions: VersionRange;
  /** Makes the default value (a fresh one each call, so decoded messages share nothing). */
  readonly makeDefault: () => unknown;
  readonly __types?: { decoded: T; input: In; required: Required };
}

export interface FieldOptions<T> {
  /** Versions in which the field may be null ("1+"). */
  nullable?: string;
  /** The default when the version lacks the field or an encoder leaves it out. */
  default?: T;
  /** A tagged field's tag; `taggedVersions` defaults to the field's versions. */
  tag?: number;
  taggedVersions?: string;
}

type Nullable<T, O> = O extends { nullable: string } ? T | null : T;
type IsRequired<V extends string, O> = V extends '0+'
  ? O extends { tag: number }
    ? false
    : O extends { default: unknown }
      ? false
      : true
  : false;

/** A field given no options. */
type NoOptions = Record<never, never>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type DecodedOf<F> = F extends Field<infer T, unknown, boolean> ? T : never;
type InputOf<F> = F extends Field<unknown, infer In, boolean> ? In : never;
type RequiredKeys<F extends Fields> = {
  [K in keyof F]: F[K] extends Field<unknown, unknown, true> ? K : never;
}[keyof F];

/** What a decoder returns for a body of fields. */
export type Message<F extends Fields> = Simplify<{ -readonly [K in keyof F]: DecodedOf<F[K]> }>;

/** What an encoder accepts for a body of fields. */
export type MessageInput<F extends Fields> = Simplify<
  { -readonly [K in RequiredKeys<F>]: InputOf<F[K]> } & {
    -readonly [K in Exclude<keyof F, RequiredKeys<F>>]?: InputOf<F[K]>;
  }
>;

function scalarDefault(kind: ScalarKind): () => unknown {
  switch (kind) {
    case 'bool':
      return () => false;
    case 'string':
      return () => '';
    case 'uuid':
      return () => '00000000-0000-0000-0000-000000000000';
    case 'bytes':
    case 'records':
      return () => Buffer.alloc(0);
    default:
      return () => 0;
  }
}

/** A struct of every field's default. */
export function defaultsOf(fields: Fields): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) value[name] = field.makeDefault();
  return value;
}

function build<T, In, R extends boolean>(
  shape: Field<T, In, R>['shape'],
  scalar: ScalarKind | undefined,
  fields: Fields | undefined,
  versions: string,
  options: FieldOptions<unknown> | undefined,
  baseDefault: () => unknown,
): Field<T, In, R> {
  const nullableVersions = options?.nullable === undefined ? NO_VERSIONS : parseVersions(options.nullable);
  const hasDefault = options !== undefined && 'default' in options;
  const makeDefault = hasDefault
    ? () => structuredCloneDefault(options.default)
    : options?.nullable !== undefined
      ? () => null
      : baseDefault;
  if (options?.tag !== undefined && (!Number.isInteger(options.tag) || options.tag < 0)) {
    throw new Error(`Bad tag ${options.tag}`);
  }
  return Object.freeze({
    shape,
    scalar,
    fields,
    versions: parseVersions(versions),
    nullableVersions,
    tag: options?.tag,
    taggedVersions: options?.tag === undefined ? NO_VERSIONS : parseVersions(options.taggedVersions ?? versions),
    makeDefault,
  });
}

function structuredCloneDefault(value: unknown): unknown {
  return typeof value === 'object' && value !== null && !Buffer.isBuffer(value) ? structuredClone(value) : value;
}

function scalarField<K extends ScalarKind>(kind: K) {
  return <V extends string, const O extends FieldOptions<ScalarType<K>> = NoOptions>(
    versions: V,
    options?: O,
  ): Field<Nullable<ScalarType<K>, O>, Nullable<ScalarType<K>, O>, IsRequired<V, O>> =>
    build('scalar', kind, undefined, versions, options as FieldOptions<unknown> | undefined, scalarDefault(kind));
}

export const int8 = scalarField('int8');
export const int16 = scalarField('int16');
export const int32 = scalarField('int32');
/** int64 as a JavaScript number: values beyond ±(2^53-1) fail to decode. */
export const int64 = scalarField('int64');
export const bool = scalarField('bool');
export const uuid = scalarField('uuid');
export const string = scalarField('string');
export const bytes = scalarField('bytes');
/**
 * A record set: nullable bytes in every version (null and empty mean no records). Decoded as
 * one Buffer; encoded from one buffer or a list of chunks, which the Writer does not copy.
 */
export const records = <V extends string>(versions: V): Field<Buffer | null, RecordSet | null, IsRequired<V, object>> =>
  build('scalar', 'records', undefined, versions, { nullable: '0+' }, () => null);

type ItemDecoded<I> = I extends ScalarKind ? ScalarType<I> : I extends Fields ? Message<I> : never;
type ItemInput<I> = I extends ScalarKind ? ScalarType<I> : I extends Fields ? MessageInput<I> : never;

/** An array of scalars (`array('0+', 'int32')`) or of structs (`array('0+', { ... })`). */
export function array<
  V extends string,
  const I extends ScalarKind | Fields,
  const O extends FieldOptions<never> = NoOptions,
>(
  versions: V,
  items: I,
  options?: O,
): Field<Nullable<ItemDecoded<I>[], O>, Nullable<ItemInput<I>[], O>, IsRequired<V, O>> {
  const scalar = typeof items === 'string' ? (items as ScalarKind) : undefined;
  const body = typeof items === 'string' ? undefined : (items as Fields);
  return build('array', scalar, body, versions, options as FieldOptions<unknown> | undefined, () => []);
}

/** A single nested struct (Kafka's struct-typed fields, often tagged). */
export function struct<V extends string, const F extends Fields, const O extends FieldOptions<never> = NoOptions>(
  versions: V,
  fields: F,
  options?: O,
): Field<Nullable<Message<F>, O>, Nullable<MessageInput<F>, O>, IsRequired<V, O>> {
  return build('struct', undefined, fields, versions, options as FieldOptions<unknown> | undefined, () =>
    defaultsOf(fields),
  );
}

export { NO_VERSIONS };
