// The OS file lock as loaded for the data-directory lock: exclusive between open files, even
// within one process (open-file-description locks), and free again once its holder closes.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { TempDirs } from '@mini-kafka/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { loadNativeFileLocks } from './native-file-locks.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

describe('loadNativeFileLocks', () => {
  it.runIf(process.platform === 'linux')(
    'locks a file once: a second open file is refused until the first closes',
    async () => {
      const locks = loadNativeFileLocks();
      expect(locks).toBeDefined();
      const path = join(await dirs.make(), '.lock');
      const first = await open(path, 'w+');
      const second = await open(path, 'r+');
      try {
        expect(locks!.tryLock(first.fd)).toBe(true);
        expect(locks!.tryLock(second.fd)).toBe(false);
        await first.close();
        expect(locks!.tryLock(second.fd)).toBe(true);
      } finally {
        await first.close().catch(() => undefined);
        await second.close();
      }
    },
  );
});
