import type { RecordOutput } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import { fromRecordOutput, headerEntries, toProduceRequest, type WireReadyRecord } from './encoding.js';

/** What the broker does: decode the request's encoding to bytes, answer a fetch in base64. */
function throughBroker(records: WireReadyRecord[]): RecordOutput[] {
  const request = toProduceRequest(records);
  const bytes = (text: string | null | undefined) =>
    text === null || text === undefined ? null : Buffer.from(text, request.encoding === 'base64' ? 'base64' : 'utf8');
  const base64 = (data: Buffer | null) => (data === null ? null : data.toString('base64'));
  return request.records.map((record, offset) => ({
    topic: 't',
    partition: 0,
    offset,
    timestamp: 1,
    key: base64(bytes(record.key)),
    value: base64(bytes(record.value)),
    headers: Array.isArray(record.headers)
      ? record.headers.map(({ key, value }) => ({ key, value: base64(bytes(value)) }))
      : [],
  }));
}

describe('encoding', () => {
  it('sends text as UTF-8 when every piece is a string', () => {
    const request = toProduceRequest([{ key: 'k', value: 'héllo', headers: [{ key: 'h', value: 'v' }] }]);
    expect(request).toEqual({
      encoding: 'utf8',
      records: [{ key: 'k', value: 'héllo', headers: [{ key: 'h', value: 'v' }] }],
    });
  });

  it('switches the whole request to base64 as soon as one piece is bytes', () => {
    const request = toProduceRequest([
      { key: null, value: 'text', headers: [] },
      { key: null, value: null, headers: [{ key: 'h', value: new Uint8Array([1, 2]) }] },
    ]);
    expect(request.encoding).toBe('base64');
    expect(request.records).toEqual([{ value: 'dGV4dA==' }, { value: null, headers: [{ key: 'h', value: 'AQI=' }] }]);
  });

  it('round-trips every byte value, text, nulls and header values exactly', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, index) => index));
    const view = new Uint8Array(all.buffer, all.byteOffset + 10, 20);
    const records: WireReadyRecord[] = [
      { key: all, value: view, headers: [{ key: 'bin', value: all }] },
      { key: 'clé', value: '😀 text', headers: [{ key: 'h', value: null }] },
      { key: null, value: null, headers: [], partition: 2, timestamp: 5 },
    ];
    const [first, second, third] = throughBroker(records).map(fromRecordOutput);
    expect(first!.key!.equals(all)).toBe(true);
    expect(first!.value!.equals(Buffer.from(view))).toBe(true);
    expect((first!.headers.bin as Buffer).equals(all)).toBe(true);
    expect(second!.key!.toString()).toBe('clé');
    expect(second!.value!.toString()).toBe('😀 text');
    expect(second!.headers).toEqual({ h: null });
    expect(third).toMatchObject({ key: null, value: null, headers: {} });
    expect(toProduceRequest(records).records[2]).toEqual({ value: null, partition: 2, timestamp: 5 });
  });

  it('hands out repeated header keys as arrays, in order, and "__proto__" as a plain key', () => {
    const record = fromRecordOutput({
      topic: 't',
      partition: 0,
      offset: 0,
      timestamp: 0,
      key: null,
      value: null,
      headers: [
        { key: 'a', value: 'MQ==' },
        { key: '__proto__', value: 'eA==' },
        { key: 'a', value: 'Mg==' },
        { key: 'a', value: null },
      ],
    });
    expect(record.headers.a).toEqual([Buffer.from('1'), Buffer.from('2'), null]);
    expect(Object.keys(record.headers)).toEqual(['a', '__proto__']);
    expect(Object.getPrototypeOf(record.headers)).toBe(Object.prototype);
  });

  it('flattens header objects, expanding arrays into repeated keys', () => {
    expect(headerEntries({ a: '1', b: ['2', '3'], c: undefined, d: null })).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
      { key: 'b', value: '3' },
      { key: 'd', value: null },
    ]);
    expect(headerEntries([{ key: 'x', value: 'y' }])).toEqual([{ key: 'x', value: 'y' }]);
  });
});
