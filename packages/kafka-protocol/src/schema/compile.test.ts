// The schema compiler: version ranges, classic vs compact encodings, nulls, tagged fields and
// the bounds every decoder keeps, on a small made-up message (real APIs are tested in apis/).
import { describe, expect, it } from 'vitest';
import { Reader } from '../primitives/reader.js';
import { Writer } from '../primitives/writer.js';
import { compileBody } from './compile.js';
import { array, bool, int16, int32, int64, type MessageInput, records, string, struct, uuid } from './fields.js';
import { parseVersions } from './versions.js';

const fields = {
  id: int32('0+'),
  name: string('0+', { nullable: '2+' }),
  added: int64('1+', { default: -1 }),
  removed: bool('0-1'),
  items: array('0+', { key: int16('0+'), note: string('3+', { tag: 0 }) }),
  ids: array('0+', 'uuid', { nullable: '1+' }),
  leader: struct('3+', { leaderId: int32('3+', { default: -1 }), epoch: int32('3+', { default: -1 }) }, { tag: 1 }),
  data: records('0+'),
};

type Input = MessageInput<typeof fields>;
/** Encodes `value` (no records unless given). */
const encode = (version: number, flexible: boolean, value: Omit<Input, 'data'> & Partial<Input>): Buffer => {
  const writer = new Writer(16);
  compileBody(fields, version, flexible, 'Test').encode(writer, { data: null, ...value });
  return Buffer.from(writer.toBuffer());
};
const decode = (version: number, flexible: boolean, bytes: Buffer) => {
  const reader = new Reader(bytes);
  const value = compileBody(fields, version, flexible, 'Test').decode(reader);
  expect(reader.remaining).toBe(0);
  return value;
};

describe('versions', () => {
  it('reads Kafka notation and refuses anything else', () => {
    expect(parseVersions('0+')).toEqual({ min: 0, max: Number.POSITIVE_INFINITY });
    expect(parseVersions('3-5')).toEqual({ min: 3, max: 5 });
    expect(parseVersions('4')).toEqual({ min: 4, max: 4 });
    expect(parseVersions('none')).toEqual({ min: 0, max: -1 });
    expect(() => parseVersions('5-3')).toThrow(/Empty/);
    expect(() => parseVersions('v1')).toThrow(/Not a version range/);
  });
});

describe('compileBody', () => {
  it('classic encoding: int16/int32 lengths, fields only in their versions', () => {
    const bytes = encode(0, false, { id: 7, name: 'ab', added: 99, removed: true, items: [{ key: 1 }], ids: [] });
    expect(bytes.toString('hex')).toBe(
      ['00000007', '00026162', '01', '00000001', '0001', '00000000', 'ffffffff'].join(''),
    );
    expect(decode(0, false, bytes)).toEqual({
      id: 7,
      name: 'ab',
      added: -1,
      removed: true,
      items: [{ key: 1, note: '' }],
      ids: [],
      leader: { leaderId: -1, epoch: -1 },
      data: null,
    });
  });

  it('null only where the version allows it', () => {
    expect(() => encode(1, false, { id: 1, name: null, items: [], ids: null })).toThrow(
      /Test\.name cannot be null in v1/,
    );
    expect(decode(2, false, encode(2, false, { id: 1, name: null, items: [], ids: null }))).toMatchObject({
      name: null,
      ids: null,
    });
    expect(() => encode(0, false, { id: 1, name: 'x', items: [], ids: null })).toThrow(/Test\.ids cannot be null/);
  });

  it('flexible encoding: compact lengths and a tagged-field section after every struct', () => {
    const value = { id: 1, name: 'a', items: [{ key: 2 }], ids: [], data: Buffer.from('ff', 'hex') };
    expect(encode(3, true, value).toString('hex')).toBe(
      ['00000001', '0261', 'ffffffffffffffff', '02', '0002', '00', '01', '02ff', '00'].join(''),
    );
  });

  it('tagged fields are written only when set, in tag order, and read back', () => {
    const value = {
      id: 1,
      name: 'a',
      items: [{ key: 2, note: 'n' }],
      ids: [],
      leader: { leaderId: 5, epoch: -1 },
    };
    const bytes = encode(3, true, value);
    expect(bytes.toString('hex')).toBe(
      [
        '00000001',
        '0261',
        'ffffffffffffffff',
        '02',
        '0002',
        '01',
        '00',
        '02',
        '026e', // item: key 2, tags: 1 field, tag 0, 2 bytes, "n"
        '01',
        '00', // ids: empty; data: null
        '01',
        '01',
        '09',
        '00000005',
        'ffffffff',
        '00', // tags: 1 field, tag 1, 9 bytes: the leader struct
      ].join(''),
    );
    expect(decode(3, true, bytes)).toMatchObject({
      items: [{ key: 2, note: 'n' }],
      leader: { leaderId: 5, epoch: -1 },
    });
  });

  it('skips tags it does not know, and refuses a known tag with bytes left over', () => {
    const plain = encode(3, true, { id: 1, name: 'a', items: [], ids: [] });
    const withUnknown = Buffer.concat([plain.subarray(0, -1), Buffer.from('01' + '07' + '02' + 'abcd', 'hex')]);
    expect(decode(3, true, withUnknown)).toMatchObject({ id: 1, name: 'a' });
    const longLeader = Buffer.concat([
      plain.subarray(0, -1),
      Buffer.from(['01', '01', '0a', '00'.repeat(10)].join(''), 'hex'),
    ]);
    expect(() => decode(3, true, longLeader)).toThrow(/Tagged field 1 of Test has extra bytes/);
  });

  it('bounds array counts by the bytes left, before allocating', () => {
    // id 1, name "a", removed false, then 2^31-1 items in 0 bytes.
    const huge = Buffer.from(['00000001', '000161', '00', '7fffffff'].join(''), 'hex');
    expect(() => decode(0, false, huge)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ reason: 'invalid-length' }) }),
    );
  });

  it('defaults are fresh objects: decoded messages share nothing', () => {
    const bytes = encode(0, false, { id: 1, name: 'a', items: [], ids: [] });
    const first = decode(0, false, bytes);
    const second = decode(0, false, bytes);
    (first.leader as { leaderId: number }).leaderId = 3;
    expect(second.leader).toEqual({ leaderId: -1, epoch: -1 });
  });

  it('a nullable struct carries a presence byte', () => {
    const body = { owner: struct('0+', { id: uuid('0+') }, { nullable: '0+' }) };
    const writer = new Writer(8);
    compileBody(body, 0, true).encode(writer, { owner: null });
    compileBody(body, 0, true).encode(writer, { owner: { id: '00000000-0000-0000-0000-000000000001' } });
    const reader = new Reader(writer.toBuffer());
    expect(compileBody(body, 0, true).decode(reader)).toEqual({ owner: null });
    expect(compileBody(body, 0, true).decode(reader)).toEqual({
      owner: { id: '00000000-0000-0000-0000-000000000001' },
    });
  });
});
