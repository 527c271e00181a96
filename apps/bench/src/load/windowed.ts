/**
 * Running numbered tasks with a bounded number in flight: how every batching producer of
 * the bench keeps "N batches outstanding". Tasks start in order; the first failure rejects
 * (the tasks already started still finish).
 */
export async function windowed(
  count: number,
  inFlight: number,
  task: (index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const lane = async (): Promise<void> => {
    while (next < count && failure === undefined) {
      const index = next++;
      try {
        await task(index);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(inFlight, count)) }, lane));
  if (failure !== undefined) throw failure;
}
