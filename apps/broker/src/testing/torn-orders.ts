/**
 * A data directory as a crash in the middle of a write leaves it: topic `orders` (flush
 * `always`) with 100 records in batches of 20, no clean-shutdown marker, no snapshot of the
 * close, and the last batch cut short, which the loader's rules take for an interrupted write.
 */
import { readdir, readFile, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { batchBaseOffset, batchSize, LogManager } from '@mini-kafka/storage';

/** Writes it into `dir`; resolves to the cut batch's base offset (the log end the next open finds). */
export async function tornOrders(dir: string): Promise<number> {
  const logs = await LogManager.open({ dataDir: dir, retentionCheckIntervalMs: 0 });
  await logs.createTopic('orders', { config: { flush: 'always' } });
  for (let offset = 0; offset < 100; offset += 20) {
    await logs.getLog('orders', 0).append(Array.from({ length: 20 }, (_, i) => ({ value: `record ${offset + i}` })));
  }
  await logs.close();
  const directory = join(dir, 'orders', '0');
  await rm(join(directory, '.clean-shutdown'));
  for (const name of await readdir(directory)) if (name.endsWith('.snapshot')) await rm(join(directory, name));
  const segments = (await readdir(directory)).filter((name) => name.endsWith('.log')).sort();
  const tail = join(directory, segments.at(-1)!);
  const bytes = await readFile(tail);
  let at = 0;
  while (at + batchSize(bytes, at) < bytes.length) at += batchSize(bytes, at);
  await truncate(tail, at + 40);
  return batchBaseOffset(bytes, at);
}
