/**
 * The disk's durable ceiling: the run's bytes (records × value size) appended to one file
 * in 100 KiB writes, each followed by fdatasync, in the temporary directory the brokers
 * use. Its rate, in records of the run's size per second, is what any durable log could
 * at most acknowledge here with a sync per 100 KiB.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { removeDir, tempDir } from '../procs/children.js';
import { measure, since, type Timed } from './measure.js';
import type { Scenario } from './scenario.js';

async function appendAndSync(
  path: string,
  chunk: Buffer,
  bytes: number,
  progress: (done: number) => void,
): Promise<number> {
  const file = await open(path, 'a');
  try {
    const start = performance.now();
    for (let written = 0; written < bytes; written += chunk.length) {
      await file.write(chunk, 0, Math.min(chunk.length, bytes - written));
      await file.datasync();
      progress(written);
    }
    return since(start);
  } finally {
    await file.close();
  }
}

export const diskCeiling: Scenario = {
  id: 'disk',
  title: 'disk: append + fdatasync per 100 KiB',
  needs: [],
  units: (plan) => plan.records,
  async round(ctx) {
    const { records, valueBytes, diskChunkBytes, warmupRecords } = ctx.plan;
    const dir = await tempDir('disk');
    try {
      const text = ctx.values.join('').repeat(Math.ceil(diskChunkBytes / (ctx.values.length * valueBytes)));
      const chunk = Buffer.from(text.slice(0, diskChunkBytes), 'latin1');
      await appendAndSync(join(dir, 'warmup'), chunk, warmupRecords * valueBytes, () => undefined);
      await measure(
        ctx,
        { key: 'disk.produce', label: 'append + fdatasync', units: records },
        async (progress): Promise<Timed> => {
          const seconds = await appendAndSync(join(dir, 'log'), chunk, records * valueBytes, (bytes) =>
            progress(bytes / valueBytes),
          );
          return { records, seconds };
        },
      );
    } finally {
      await removeDir(dir);
    }
  },
};
