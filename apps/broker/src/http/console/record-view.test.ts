import { describe, expect, it } from 'vitest';
import { MAX_SHOWN_BYTES, showBytes, viewFormat } from './record-view.js';

describe('showBytes', () => {
  it('shows text, JSON indented, and hex in rows of 16 bytes', () => {
    expect(showBytes(Buffer.from('héllo'), 'text')).toBe('héllo');
    expect(showBytes(Buffer.from('{"a":1}'), 'json')).toBe('{\n  "a": 1\n}');
    expect(showBytes(Buffer.from('not json'), 'json')).toBe('not json');
    expect(showBytes(Buffer.from('hi'), 'hex')).toBe('68 69');
    expect(showBytes(Buffer.alloc(17, 0xab), 'hex')).toBe(`${'ab '.repeat(15)}ab\nab`);
    expect(showBytes(null, 'text')).toBe('(null)');
  });

  it('cuts long values and says how much is left', () => {
    const shown = showBytes(Buffer.alloc(MAX_SHOWN_BYTES + 10, 0x61), 'text');
    expect(shown).toBe(`${'a'.repeat(MAX_SHOWN_BYTES)}\n… 10 more bytes`);
  });

  it('falls back to text for an unknown format', () => {
    expect(viewFormat('hex')).toBe('hex');
    expect(viewFormat('<script>')).toBe('text');
    expect(viewFormat(undefined)).toBe('text');
  });
});
