/**
 * Runs async work over many items with at most `limit` running at once. Opening or closing
 * thousands of partitions together would open thousands of files together (an open syncs a
 * directory, a close writes index files), past the process's open-file limit (EMFILE) even
 * when the partitions themselves fit under it; a few dozen at a time keep the file system's
 * threads just as busy.
 */

/** Runs `work` on every item, at most `limit` at once; waits for all even when some fail, then throws the first failure. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        await work(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}
