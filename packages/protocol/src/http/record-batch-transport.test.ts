import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorType } from '../error-codes.js';
import { isMiniKafkaError, MiniKafkaError } from '../errors.js';
import {
  decodeFetchFrame,
  encodeFetchFrame,
  encodeFetchFrameParts,
  type FetchFrame,
  isRecordBatchContentType,
  MAX_PARTITION_ERROR_MESSAGE_BYTES,
  parseRecordBatchAccept,
  partitionFetchError,
  RECORD_BATCH_MEDIA_TYPE,
  recordBatchAccept,
} from './record-batch-transport.js';

const partition = fc.record({
  topic: fc.stringMatching(/^[a-zA-Z0-9._-]{1,40}$/),
  partition: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  fetchOffset: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  nextOffset: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  highWatermark: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  logStartOffset: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  records: fc.uint8Array({ maxLength: 100 }).map((bytes) => Buffer.from(bytes)),
});
const partitionError = fc.constantFrom(...(Object.keys(ERROR_CODES) as ErrorType[])).chain((name) =>
  fc.record({
    code: fc.constant(ERROR_CODES[name].code),
    name: fc.constant(name),
    message: fc.string({ maxLength: 200 }),
  }),
);
const frame: fc.Arbitrary<FetchFrame> = fc.oneof(
  fc.record({
    version: fc.constant(0 as const),
    generationId: fc.integer({ min: -1, max: 2 ** 31 - 1 }),
    rebalanceRequired: fc.boolean(),
    partitions: fc.array(partition, { maxLength: 5 }),
  }),
  fc.record({
    version: fc.constant(1 as const),
    generationId: fc.integer({ min: -1, max: 2 ** 31 - 1 }),
    rebalanceRequired: fc.boolean(),
    partitions: fc.array(
      fc
        .tuple(partition, fc.option(partitionError, { nil: undefined }))
        .map(([part, error]) => (error === undefined ? part : { ...part, error })),
      { maxLength: 5 },
    ),
  }),
);

describe('fetch frames', () => {
  it('round-trip any frame', () => {
    fc.assert(
      fc.property(frame, (value) => {
        const bytes = encodeFetchFrame(value);
        expect(decodeFetchFrame(bytes)).toEqual(value);
        expect(Buffer.concat(encodeFetchFrameParts(value))).toEqual(bytes);
      }),
    );
  });

  it('lay out the documented bytes of version 0', () => {
    const bytes = encodeFetchFrame({
      version: 0,
      generationId: 7,
      rebalanceRequired: true,
      partitions: [
        {
          topic: 'ab',
          partition: 3,
          fetchOffset: 4,
          nextOffset: 2 ** 40,
          highWatermark: 6,
          logStartOffset: 1,
          records: Buffer.from([0xaa, 0xbb]),
        },
      ],
    });
    expect(bytes.toString('hex')).toBe(
      [
        '00', // version
        '00000007', // generationId
        '01', // flags: rebalanceRequired
        '00000001', // one partition
        '0002' + '6162', // topic "ab"
        '00000003', // partition
        '0000000000000004', // fetchOffset
        '0000010000000000', // nextOffset 2^40
        '0000000000000006', // highWatermark
        '0000000000000001', // logStartOffset
        '00000002' + 'aabb', // records
      ].join(''),
    );
  });

  it('lay out the documented bytes of version 1, with a partition error', () => {
    const error = partitionFetchError(new MiniKafkaError('CORRUPT_MESSAGE', 'lost'));
    const bytes = encodeFetchFrame({
      generationId: 7,
      rebalanceRequired: false,
      partitions: [
        {
          topic: 'ab',
          partition: 3,
          error,
          fetchOffset: 4,
          nextOffset: 4,
          highWatermark: 6,
          logStartOffset: 1,
          records: Buffer.alloc(0),
        },
      ],
    });
    expect(bytes.toString('hex')).toBe(
      [
        '01', // version
        '00000007', // generationId
        '00', // flags
        '00000001', // one partition
        '0002' + '6162', // topic "ab"
        '00000003', // partition
        '0002', // errorCode: CORRUPT_MESSAGE
        '0004' + '6c6f7374', // errorMessage "lost"
        '0000000000000004', // fetchOffset
        '0000000000000004', // nextOffset
        '0000000000000006', // highWatermark
        '0000000000000001', // logStartOffset
        '00000000', // no records
      ].join(''),
    );
    expect(decodeFetchFrame(bytes).partitions[0]?.error).toEqual({ code: 2, name: 'CORRUPT_MESSAGE', message: 'lost' });
  });

  it('cut a long error message at a whole character, and refuse an error in version 0', () => {
    const part = {
      topic: 't',
      partition: 0,
      fetchOffset: 0,
      nextOffset: 0,
      highWatermark: 0,
      logStartOffset: 0,
      records: Buffer.alloc(0),
      error: { code: 2, name: 'CORRUPT_MESSAGE' as const, message: `a${'é'.repeat(2000)}` },
    };
    const decoded = decodeFetchFrame(
      encodeFetchFrame({ generationId: 1, rebalanceRequired: false, partitions: [part] }),
    );
    const message = decoded.partitions[0]!.error!.message;
    expect(Buffer.byteLength(message)).toBeLessThanOrEqual(MAX_PARTITION_ERROR_MESSAGE_BYTES);
    expect(message).toBe(`a${'é'.repeat((MAX_PARTITION_ERROR_MESSAGE_BYTES - 1) / 2)}`);
    expect(() =>
      encodeFetchFrame({ version: 0, generationId: 1, rebalanceRequired: false, partitions: [part] }),
    ).toThrow(/version 0/);
  });

  it('refuse bytes that do not add up, naming why', () => {
    const good = encodeFetchFrame({
      generationId: -1,
      rebalanceRequired: false,
      partitions: [
        {
          topic: 't',
          partition: 0,
          fetchOffset: 0,
          nextOffset: 1,
          highWatermark: 1,
          logStartOffset: 0,
          records: Buffer.alloc(10),
        },
      ],
    });
    const cases: Array<[Buffer, RegExp]> = [
      [good.subarray(0, 5), /too few/],
      [Buffer.concat([Buffer.from([2]), good.subarray(1)]), /version 2/],
      [Buffer.concat([Buffer.from([0]), good.subarray(1)]), /run past the end|remain/],
      [good.subarray(0, good.length - 1), /run past the end/],
      [Buffer.concat([good, Buffer.from([0])]), /1 bytes remain/],
    ];
    for (const [bytes, reason] of cases) {
      try {
        decodeFetchFrame(bytes);
        expect.unreachable();
      } catch (error) {
        expect(isMiniKafkaError(error, 'UNKNOWN_SERVER_ERROR')).toBe(true);
        expect((error as Error).message).toMatch(reason);
      }
    }
  });
});

describe('content negotiation', () => {
  it('reads the record-batch type and its codecs from an Accept header', () => {
    expect(parseRecordBatchAccept(undefined)).toBeUndefined();
    expect(parseRecordBatchAccept('application/json')).toBeUndefined();
    expect(parseRecordBatchAccept('*/*')).toBeUndefined();
    expect(parseRecordBatchAccept(RECORD_BATCH_MEDIA_TYPE)).toEqual({ codecs: undefined, version: 0 });
    expect(parseRecordBatchAccept(`application/json, ${RECORD_BATCH_MEDIA_TYPE.toUpperCase()};q=0.8`)).toEqual({
      codecs: undefined,
      version: 0,
    });
    expect(parseRecordBatchAccept(`${RECORD_BATCH_MEDIA_TYPE}; version=1`)).toEqual({ codecs: undefined, version: 1 });
    expect(parseRecordBatchAccept(`${RECORD_BATCH_MEDIA_TYPE}; version=7`)).toEqual({ codecs: undefined, version: 1 });
    expect(parseRecordBatchAccept(`${RECORD_BATCH_MEDIA_TYPE};q=0`)).toBeUndefined();
    expect(parseRecordBatchAccept(`${RECORD_BATCH_MEDIA_TYPE}; codecs=gzip`)).toEqual({
      codecs: new Set(['gzip']),
      version: 0,
    });
    expect(parseRecordBatchAccept(`${RECORD_BATCH_MEDIA_TYPE}; codecs="zstd, lz4,brotli"`)).toEqual({
      codecs: new Set(['zstd', 'lz4']),
      version: 0,
    });
    expect(parseRecordBatchAccept(`${RECORD_BATCH_MEDIA_TYPE}; codecs=""`)).toEqual({ codecs: new Set(), version: 0 });
    expect(parseRecordBatchAccept(recordBatchAccept(['gzip', 'zstd']))).toEqual({
      codecs: new Set(['gzip', 'zstd']),
      version: 1,
    });
  });

  it('recognizes the record-batch Content-Type with or without parameters', () => {
    expect(isRecordBatchContentType(RECORD_BATCH_MEDIA_TYPE)).toBe(true);
    expect(isRecordBatchContentType(`${RECORD_BATCH_MEDIA_TYPE}; charset=binary`)).toBe(true);
    expect(isRecordBatchContentType('application/json')).toBe(false);
    expect(isRecordBatchContentType(undefined)).toBe(false);
  });
});
