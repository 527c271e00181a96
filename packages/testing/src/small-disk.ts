/**
 * A small disk of its own for disk-full tests: a tmpfs of a given size mounted on a fresh
 * temporary directory, so a test can fill it and see ENOSPC for real, then watch the space
 * come back. Mounting needs Linux and root (or CAP_SYS_ADMIN), as in this project's CI and
 * dev containers; where it is not permitted `mountSmallDisk` resolves to the reason, for the
 * test to skip saying so.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SmallDisk {
  /** Where it is mounted. */
  readonly path: string;
  /** Bytes an unprivileged writer can still use. */
  freeBytes(): Promise<number>;
  /** Unmounts it and removes its mount point. */
  unmount(): Promise<void>;
}

/** Mounts a tmpfs of `bytes` on a new temporary directory; resolves to the reason it cannot when it cannot. */
export async function mountSmallDisk(bytes: number): Promise<SmallDisk | string> {
  if (process.platform !== 'linux') return `a tmpfs cannot be mounted on ${process.platform}`;
  const path = await mkdtemp(join(tmpdir(), 'mini-kafka-small-disk-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', path]);
  } catch (error) {
    await rm(path, { recursive: true, force: true });
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    return `mounting a tmpfs is not permitted here (${stderr || (error as Error).message}); run as root to include it`;
  }
  return {
    path,
    async freeBytes() {
      const stats = await statfs(path);
      return stats.bavail * stats.bsize;
    },
    async unmount() {
      await run('umount', ['-l', path]);
      await rm(path, { recursive: true, force: true });
    },
  };
}
