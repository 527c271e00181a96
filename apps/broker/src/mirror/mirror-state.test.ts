import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MirrorState } from './mirror-state.js';
import { OffsetMap } from './offset-map.js';

describe('MirrorState', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mirror-state-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is empty without a file, and reads back what it saved', async () => {
    const path = join(dir, 'state.json');
    const state = await MirrorState.load(path);
    expect(state.get('a', 0)).toBeUndefined();
    const map = OffsetMap.start(2, 0);
    map.copied([2, 5], 6);
    state.set('a', 0, map);
    await state.save();
    const again = await MirrorState.load(path);
    expect(again.get('a', 0)?.toState()).toEqual(map.toState());
  });

  it('refuses a file that is not its own', async () => {
    const path = join(dir, 'other.json');
    await writeFile(path, '{"hello":1}');
    await expect(MirrorState.load(path)).rejects.toThrow(/not a mirror state file/);
  });
});
