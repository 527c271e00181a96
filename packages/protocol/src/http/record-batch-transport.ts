/**
 * The binary transport of the /v1 API (docs/binary-transport.md): records travel as Kafka's
 * RecordBatch v2 bytes, the media type `application/vnd.kafka.record-batch`.
 *
 * - Produce: `POST /v1/topics/{topic}/partitions/{p}/records` with that Content-Type; the body
 *   is whole batches back to back (Kafka's Produce `records`); the answer is JSON
 *   (`RecordBatchProduceResponse`).
 * - Fetch: `Accept: application/vnd.kafka.record-batch` on `GET /v1/topics/{topic}/partitions/{p}/records`
 *   and `GET /v1/groups/{group}/members/{member}/records`; the answer is a fetch frame:
 *
 *     off  field            type
 *      0   version          int8    = 1 (0 when the client names no version)
 *      1   generationId     int32   the member's generation; -1 on the partition fetch
 *      5   flags            int8    bit 0: rebalanceRequired
 *      6   partitionCount   int32
 *     10   partitionCount × {
 *            topicLength     int16
 *            topic           topicLength bytes (UTF-8)
 *            partition       int32
 *            errorCode       int16   version 1 only: Kafka's error code for this partition, 0 for none
 *            errorMessage    int16 length + UTF-8, version 1 only: what went wrong (length 0 without error)
 *            fetchOffset     int64   records below it in the first batch are not part of the answer
 *            nextOffset      int64   where the next read of the partition starts
 *            highWatermark   int64
 *            logStartOffset  int64
 *            recordsLength   int32
 *            records         recordsLength bytes: whole RecordBatch v2 batches as stored
 *          }
 *
 *   Integers are big-endian, as everywhere in Kafka. The Accept entry names the highest frame
 *   version the client reads (`; version=1`; none means 0). A member fetch answers a partition
 *   whose log cannot be read (damage, a storage error) with that partition's error in version 1,
 *   its other partitions' records beside it; version 0 has no room for it, so there the whole
 *   fetch fails with the JSON error, as before version 1 existed. The Accept entry may name the codecs the
 *   client inflates (`; codecs=gzip` or `; codecs="gzip,zstd"`); a batch compressed with any
 *   other codec is sent uncompressed (decoded and encoded again by the broker). Without the
 *   parameter, batches go as stored.
 *
 * Errors are JSON, whatever was asked for.
 */
import { ERROR_CODES, type ErrorType, errorTypeForCode } from '../error-codes.js';
import { MiniKafkaError } from '../errors.js';
import { readInt64, writeInt64 } from '../record-batch/varint.js';

export const RECORD_BATCH_MEDIA_TYPE = 'application/vnd.kafka.record-batch';
/** The newest version of the fetch frame: this package reads it and every older one. */
export const FETCH_FRAME_VERSION = 1;
export type FetchFrameVersion = 0 | 1;
/** The codecs a fetch may name in `codecs=` (uncompressed batches are always accepted). */
export const FETCH_CODEC_NAMES = ['gzip', 'snappy', 'lz4', 'zstd'] as const;
export type FetchCodecName = (typeof FETCH_CODEC_NAMES)[number];

/** The answer to a binary produce: record n of the body (counting across its batches) got `baseOffset + n`. */
export interface RecordBatchProduceResponse {
  topic: string;
  partition: number;
  baseOffset: number;
  lastOffset: number;
  logStartOffset: number;
}

/** One partition's part of a fetch frame. */
export interface PartitionBatches {
  topic: string;
  partition: number;
  /**
   * Why this partition could not be read (frame version 1): e.g. CORRUPT_MESSAGE where its log
   * is damaged, KAFKA_STORAGE_ERROR where it is offline. `records` is then empty and
   * `nextOffset` is `fetchOffset`: the reader's position stays where it was.
   */
  error?: PartitionFetchError;
  /** The offset the read started at: the first batch may begin before it; its records below it are not answered. */
  fetchOffset: number;
  /** Where the next read starts: after the last batch of `records` (the requested offset when there is none). */
  nextOffset: number;
  highWatermark: number;
  logStartOffset: number;
  /** Whole RecordBatch v2 batches, back to back; empty when there was nothing to read. */
  records: Buffer;
}

/** A partition's error in a fetch: Kafka's code and name, and a message naming the partition and offsets. */
export interface PartitionFetchError {
  code: number;
  name: ErrorType;
  message: string;
}

export interface FetchFrame {
  /** The frame's version: 1 when the client named it in Accept (the SDK does), else 0. */
  version: FetchFrameVersion;
  /** The member's generation (member fetch); -1 for the partition fetch. */
  generationId: number;
  /** The member's group rebalanced: it rejoins before reading on (member fetch). */
  rebalanceRequired: boolean;
  partitions: PartitionBatches[];
}

/**
 * A fetch frame as a broker writes it: each partition's batches may be several buffers
 * (each holding whole batches), written out in order, so stored bytes are never gathered.
 */
export interface OutgoingFetchFrame extends Omit<FetchFrame, 'partitions' | 'version'> {
  /** The version to write; the newest when not given. */
  version?: FetchFrameVersion;
  partitions: (Omit<PartitionBatches, 'records'> & { records: Buffer | readonly Buffer[] })[];
}

const FRAME_HEADER_BYTES = 10;
/** Bytes of a partition's header, after its topic name. */
const PARTITION_FIXED_BYTES = 2 + 4 + 8 * 4 + 4;
/** Most bytes of a partition's error message in a frame; longer ones are cut (at a character). */
export const MAX_PARTITION_ERROR_MESSAGE_BYTES = 1024;

function errorMessageBytes(error: PartitionFetchError | undefined): Buffer {
  if (error === undefined) return Buffer.alloc(0);
  const bytes = Buffer.from(error.message, 'utf8');
  if (bytes.length <= MAX_PARTITION_ERROR_MESSAGE_BYTES) return bytes;
  // Cut before a UTF-8 continuation byte, so the text stays whole characters.
  let end = MAX_PARTITION_ERROR_MESSAGE_BYTES;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/**
 * The fetch frame of `frame` as buffers to write one after the other: small header buffers
 * and each partition's `records` as they are (not copied), for a writer that sends several
 * buffers at once (a socket's writev).
 */
export function encodeFetchFrameParts(frame: OutgoingFetchFrame): Buffer[] {
  const version = frame.version ?? FETCH_FRAME_VERSION;
  const head = Buffer.allocUnsafe(FRAME_HEADER_BYTES);
  head.writeInt8(version, 0);
  head.writeInt32BE(frame.generationId, 1);
  head.writeInt8(frame.rebalanceRequired ? 1 : 0, 5);
  head.writeInt32BE(frame.partitions.length, 6);
  const parts: Buffer[] = [head];
  for (const part of frame.partitions) {
    if (version === 0 && part.error !== undefined) {
      throw new Error(`A version 0 fetch frame cannot carry the error of ${part.topic}-${part.partition}`);
    }
    const topicLength = Buffer.byteLength(part.topic, 'utf8');
    const message = errorMessageBytes(part.error);
    const errorBytes = version === 0 ? 0 : 4 + message.length;
    const header = Buffer.allocUnsafe(PARTITION_FIXED_BYTES + topicLength + errorBytes);
    header.writeInt16BE(topicLength, 0);
    header.write(part.topic, 2, 'utf8');
    header.writeInt32BE(part.partition, 2 + topicLength);
    if (version > 0) {
      header.writeInt16BE(part.error?.code ?? 0, 6 + topicLength);
      header.writeInt16BE(message.length, 8 + topicLength);
      message.copy(header, 10 + topicLength);
    }
    // The fields after the partition index (and its error, in version 1), as `at + 4` on.
    const at = 2 + topicLength + errorBytes;
    writeInt64(header, at + 4, part.fetchOffset);
    writeInt64(header, at + 12, part.nextOffset);
    writeInt64(header, at + 20, part.highWatermark);
    writeInt64(header, at + 28, part.logStartOffset);
    const chunks = Buffer.isBuffer(part.records) ? [part.records] : part.records;
    header.writeInt32BE(
      chunks.reduce((size, chunk) => size + chunk.length, 0),
      at + 36,
    );
    parts.push(header);
    for (const chunk of chunks) if (chunk.length > 0) parts.push(chunk);
  }
  return parts;
}

/** The fetch frame of `frame`, in one buffer (the records are copied once, behind their headers). */
export function encodeFetchFrame(frame: OutgoingFetchFrame): Buffer<ArrayBuffer> {
  const parts = encodeFetchFrameParts(frame);
  const out = Buffer.allocUnsafe(parts.reduce((size, part) => size + part.length, 0));
  let at = 0;
  for (const part of parts) at += part.copy(out, at);
  return out;
}

function malformed(reason: string): MiniKafkaError {
  return new MiniKafkaError('UNKNOWN_SERVER_ERROR', `The broker answered a malformed record-batch fetch: ${reason}`);
}

/**
 * Reads a fetch frame; each partition's `records` is a view of `bytes` (no copy). A frame
 * that does not add up (a length past the end, bytes left over, an unknown version) is
 * UNKNOWN_SERVER_ERROR: the bytes are not what this package writes.
 */
export function decodeFetchFrame(bytes: Buffer): FetchFrame {
  if (bytes.length < FRAME_HEADER_BYTES) throw malformed(`${bytes.length} bytes are too few for its header`);
  const version = bytes.readInt8(0);
  if (version !== 0 && version !== 1) throw malformed(`version ${version} is newer than ${FETCH_FRAME_VERSION}`);
  const generationId = bytes.readInt32BE(1);
  const rebalanceRequired = (bytes.readInt8(5) & 1) === 1;
  const count = bytes.readInt32BE(6);
  if (count < 0) throw malformed(`a partition count of ${count}`);
  const partitions: PartitionBatches[] = [];
  let at = FRAME_HEADER_BYTES;
  const need = (end: number, what: string): void => {
    if (end > bytes.length) throw malformed(`${what} runs past the end`);
  };
  for (let i = 0; i < count; i++) {
    need(at + 2, `partition ${i}`);
    const topicLength = bytes.readInt16BE(at);
    if (topicLength < 0) throw malformed(`partition ${i} has a topic length of ${topicLength}`);
    need(at + 2 + topicLength + 4, `partition ${i}`);
    const topic = bytes.toString('utf8', at + 2, at + 2 + topicLength);
    at += 2 + topicLength;
    const partition = bytes.readInt32BE(at);
    let error: PartitionFetchError | undefined;
    if (version > 0) {
      need(at + 8, `partition ${i}`);
      const code = bytes.readInt16BE(at + 4);
      const messageLength = bytes.readInt16BE(at + 6);
      if (messageLength < 0) throw malformed(`partition ${i} has an error message length of ${messageLength}`);
      need(at + 8 + messageLength, `partition ${i}`);
      if (code !== 0) {
        const name = errorTypeForCode(code) ?? 'UNKNOWN_SERVER_ERROR';
        error = { code, name, message: bytes.toString('utf8', at + 8, at + 8 + messageLength) };
      }
      // Read on as in version 0: the fields after the partition index start at `at + 4`.
      at += 4 + messageLength;
    }
    need(at + 40, `partition ${i}`);
    const recordsLength = bytes.readInt32BE(at + 36);
    const recordsEnd = at + 40 + recordsLength;
    if (recordsLength < 0 || recordsEnd > bytes.length)
      throw malformed(`the records of partition ${i} run past the end`);
    partitions.push({
      topic,
      partition,
      ...(error !== undefined && { error }),
      fetchOffset: readInt64(bytes, at + 4),
      nextOffset: readInt64(bytes, at + 12),
      highWatermark: readInt64(bytes, at + 20),
      logStartOffset: readInt64(bytes, at + 28),
      records: bytes.subarray(at + 40, recordsEnd),
    });
    at = recordsEnd;
  }
  if (at !== bytes.length) throw malformed(`${bytes.length - at} bytes remain after the last partition`);
  return { version, generationId, rebalanceRequired, partitions };
}

/** A partition's error as a fetch frame carries it, from an error a read threw. */
export function partitionFetchError(error: MiniKafkaError): PartitionFetchError {
  return { code: ERROR_CODES[error.type].code, name: error.type, message: error.message };
}

/** The Accept header of a binary fetch by a client that inflates `codecs`. */
export function recordBatchAccept(codecs: readonly FetchCodecName[]): string {
  return `${RECORD_BATCH_MEDIA_TYPE}; version=${FETCH_FRAME_VERSION}; codecs="${codecs.join(',')}", application/json;q=0.5`;
}

/** What an Accept header asks of a fetch: the record-batch type (with the codecs it names, if it does), or JSON. */
export interface RecordBatchAccept {
  /** The codecs the client inflates; `undefined`: any (batches go as stored). */
  codecs: ReadonlySet<FetchCodecName> | undefined;
  /** The frame version to answer: the one the client named (at most the newest), 0 when it named none. */
  version: FetchFrameVersion;
}

/** Splits on `separator` outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (char === '\\' && quoted) i++;
    else if (char === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * Whether `accept` asks for the record-batch media type (listed with a q above 0), and which
 * codecs it names; `undefined` for JSON (absent, `*\/*`, `application/json`, anything else).
 */
export function parseRecordBatchAccept(accept: string | undefined): RecordBatchAccept | undefined {
  if (accept === undefined || !accept.toLowerCase().includes(RECORD_BATCH_MEDIA_TYPE)) return undefined;
  // A client sends the same Accept with every fetch: the last few answers are kept.
  const known = parsedAccepts.get(accept);
  if (known !== undefined) return known;
  const parsed = parseAccept(accept);
  if (parsedAccepts.size >= PARSED_ACCEPTS_KEPT) parsedAccepts.delete(parsedAccepts.keys().next().value!);
  parsedAccepts.set(accept, parsed);
  return parsed;
}

const PARSED_ACCEPTS_KEPT = 16;
const parsedAccepts = new Map<string, RecordBatchAccept | undefined>();

function parseAccept(accept: string): RecordBatchAccept | undefined {
  for (const entry of splitOutsideQuotes(accept, ',')) {
    const [type, ...parameters] = splitOutsideQuotes(entry, ';');
    if (type?.trim().toLowerCase() !== RECORD_BATCH_MEDIA_TYPE) continue;
    let codecs: Set<FetchCodecName> | undefined;
    let quality = 1;
    let version: FetchFrameVersion = 0;
    for (const parameter of parameters) {
      const equals = parameter.indexOf('=');
      if (equals < 0) continue;
      const name = parameter.slice(0, equals).trim().toLowerCase();
      const value = parameter
        .slice(equals + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
      if (name === 'q') quality = Number(value);
      else if (name === 'version') version = Number(value) >= 1 ? 1 : 0;
      else if (name === 'codecs') {
        codecs = new Set();
        for (const codec of value.toLowerCase().split(/[\s,]+/)) {
          if ((FETCH_CODEC_NAMES as readonly string[]).includes(codec)) codecs.add(codec as FetchCodecName);
        }
      }
    }
    if (quality > 0) return { codecs, version };
  }
  return undefined;
}

/** Whether a Content-Type header is the record-batch media type (with any parameters). */
export function isRecordBatchContentType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === RECORD_BATCH_MEDIA_TYPE;
}
