import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TempDirs } from '@mini-kafka/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { lineChunks, makeValues, v1ProduceBody, writeLinesFile } from './payload.js';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

describe('values', () => {
  it('are distinct, exactly the size asked, and need no escaping', () => {
    const values = makeValues(100);
    expect(new Set(values).size).toBe(values.length);
    for (const value of values) {
      expect(Buffer.byteLength(value)).toBe(100);
      expect(value).toMatch(/^[\w:-]+$/);
    }
    expect(makeValues(100)).toEqual(values);
  });

  it('make a /v1 body of the records asked for', () => {
    const values = makeValues(10, 4);
    const body = JSON.parse(v1ProduceBody(values, 3, 3)) as { records: { value: string }[] };
    expect(body.records.map((record) => record.value)).toEqual([values[3], values[0], values[1]]);
  });
});

describe('lines', () => {
  it('come in chunks that add up to one line per record', () => {
    const values = makeValues(20, 7);
    const text = Buffer.concat([...lineChunks(values, 1000, 512)]).toString('latin1');
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(1000);
    expect(lines[8]).toBe(values[1]);
  });

  it('are written to a file for kcat', async () => {
    const path = join(await dirs.make('bench-lines-'), 'lines.txt');
    await writeLinesFile(path, makeValues(100, 16), 2500);
    const text = await readFile(path, 'latin1');
    expect(text.length).toBe(2500 * 101);
  });
});
