import { decodeRecordBatches, encodeRecordBatch } from '@mini-kafka/storage';
import { describe, expect, it } from 'vitest';
import { recordFromJson, recordSize, recordToJson } from './record-json.js';

/** A record through the log's real codec: encoded into a batch and decoded back. */
function stored(input: ReturnType<typeof recordFromJson>) {
  const [record] = decodeRecordBatches(encodeRecordBatch([input], { timestamp: 5_000 }));
  return record!;
}

describe('records between JSON and the log', () => {
  it('refuses UTF-8 text that cannot be UTF-8 (a lone surrogate) instead of storing U+FFFD, naming the field', () => {
    const lone = 'half \ud83d of an emoji';
    expect(() => recordFromJson({ value: lone }, 'utf8', 'records.3')).toThrowError(
      /^records.3.value is not valid Unicode text/,
    );
    expect(() => recordFromJson({ key: lone, value: 'v' }, 'utf8', 'records.0')).toThrowError(/records.0.key/);
    expect(() => recordFromJson({ value: 'v', headers: { [lone]: 'x' } }, 'utf8', 'records.0')).toThrowError(
      /records.0.headers.0.key/,
    );
    expect(() => recordFromJson({ value: 'v', headers: { h: lone } }, 'utf8', 'records.0')).toThrowError(
      /records.0.headers.0 is not/,
    );
    // A whole emoji (a surrogate pair) is fine.
    expect(stored(recordFromJson({ value: 'ok \ud83d\ude00' }, 'utf8', 'records.0')).value?.toString()).toBe('ok 😀');
  });

  it('round-trips UTF-8 text: key, value and headers, given as an object or a list', () => {
    const input = recordFromJson(
      { key: 'clé', value: 'héllo wörld ✓', headers: { source: 'web', empty: null } },
      'utf8',
      'records.0',
    );
    expect(recordToJson('t', 2, stored(input), 'utf8')).toEqual({
      topic: 't',
      partition: 2,
      offset: 0,
      timestamp: 5_000,
      key: 'clé',
      value: 'héllo wörld ✓',
      headers: [
        { key: 'source', value: 'web' },
        { key: 'empty', value: null },
      ],
    });
    const listed = recordFromJson({ value: 'v', headers: [{ key: 'a', value: '1' }] }, 'utf8', 'records.0');
    expect(recordToJson('t', 0, stored(listed), 'utf8').headers).toEqual([{ key: 'a', value: '1' }]);
  });

  it('round-trips any bytes exactly as base64, including bytes that are not UTF-8', () => {
    const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a, 0xc3]);
    const input = recordFromJson(
      { key: bytes.toString('base64'), value: bytes.toString('base64'), headers: { h: bytes.toString('base64') } },
      'base64',
      'records.0',
    );
    const record = stored(input);
    expect(record.value).toEqual(bytes);
    expect(record.key).toEqual(bytes);
    const json = recordToJson('t', 0, record, 'base64');
    expect([json.key, json.value, json.headers[0]?.value]).toEqual(Array(3).fill(bytes.toString('base64')));
  });

  it('keeps null and missing keys and values null', () => {
    const record = stored(recordFromJson({ value: null }, 'base64', 'records.0'));
    expect(recordToJson('t', 0, record, 'utf8')).toMatchObject({ key: null, value: null, headers: [] });
  });

  it('refuses text that is not strict base64, naming the field and not the text', () => {
    for (const [record, field] of [
      [{ value: 'not base64!' }, 'records.3.value'],
      [{ key: 'abc', value: 'AAAA' }, 'records.3.key'],
      [{ value: 'AAAA', headers: { h: 'A===' } }, 'records.3.headers.0'],
    ] as const) {
      expect(() => recordFromJson(record, 'base64', 'records.3')).toThrow(
        expect.objectContaining({ type: 'INVALID_REQUEST', message: `${field} is not valid base64` }),
      );
    }
  });

  it('keeps a given timestamp and the asked-for partition; a negative timestamp means now', () => {
    expect(recordFromJson({ value: 'v', timestamp: 1_234, partition: 3 }, 'utf8', 'r')).toMatchObject({
      timestamp: 1_234,
      partition: 3,
    });
    expect(recordFromJson({ value: 'v', timestamp: -1 }, 'utf8', 'r').timestamp).toBeUndefined();
  });

  it('measures a record as key + value + header keys and values, in bytes', () => {
    expect(recordSize({ key: 'ab', value: 'é', headers: [{ key: 'h', value: Buffer.alloc(4) }] })).toBe(2 + 2 + 1 + 4);
    expect(recordSize({ value: null })).toBe(0);
  });
});
