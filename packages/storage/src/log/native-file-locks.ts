/**
 * The OS file lock of `fs-native-extensions`, loaded for data-dir-lock.ts.
 *
 * The package's own entry finds its add-on through `require-addon` and the `bare-*` resolvers:
 * a dozen CommonJS modules resolved through the package manager's links, some 15 ms of a
 * broker start of 300 (on these machines; 50 under load), for one function. Its prebuilt
 * binary sits at `prebuilds/<platform>-<arch>/fs-native-extensions.node` and is loaded
 * straight from there when it can be; the package's entry is the fallback (another layout,
 * a platform whose binary name differs), and where neither loads there is no file lock.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The part of fs-native-extensions used here. */
export interface NativeFileLocks {
  /** Takes an exclusive lock on the whole file without waiting; false when another holds it. */
  tryLock(fd: number): boolean;
}

/** The add-on's own function: offset and length 0 mean the whole file; throws EAGAIN when held. */
interface LockBinding {
  tryLock(fd: number, offset: number, length: number, exclusive: boolean): void;
}

export function loadNativeFileLocks(): NativeFileLocks | undefined {
  const require = createRequire(import.meta.url);
  try {
    const root = dirname(require.resolve('fs-native-extensions/package.json'));
    const binding = require(
      join(root, 'prebuilds', `${process.platform}-${process.arch}`, 'fs-native-extensions.node'),
    );
    if (typeof (binding as Partial<LockBinding>).tryLock === 'function') return fromBinding(binding as LockBinding);
  } catch {
    // not this layout: the package's entry below
  }
  try {
    return require('fs-native-extensions') as NativeFileLocks;
  } catch {
    return undefined; // no binary for this platform
  }
}

function fromBinding(binding: LockBinding): NativeFileLocks {
  return {
    tryLock(fd) {
      try {
        binding.tryLock(fd, 0, 0, true);
        return true;
      } catch (error) {
        if ((error as { code?: unknown }).code === 'EAGAIN') return false;
        throw error;
      }
    },
  };
}
