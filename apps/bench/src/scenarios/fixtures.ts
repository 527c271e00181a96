/**
 * Data that several scenarios read and that is too slow to make twice: the big log, one
 * topic of one partition holding plan.bigLogRecords records, filled once per run (by a
 * broker that is then stopped) and kept in its data directory until the run ends. Each
 * scenario that reads it starts its own broker on that directory.
 */

import type { RunPlan } from '../core/plan.js';
import { createTopic, fillTopic } from '../load/fill.js';
import { startBroker } from '../procs/broker-process.js';
import { removeDir, tempDir } from '../procs/children.js';

export interface BigLog {
  dataDir: string;
  topic: string;
  records: number;
}

export const BIG_TOPIC = 'big-log';

export class Fixtures {
  private big: Promise<BigLog> | undefined;
  private readonly dirs: string[] = [];

  constructor(
    private readonly plan: RunPlan,
    private readonly values: readonly string[],
  ) {}

  /** The big log, filled on first use (`progress` sees the records written so far). */
  bigLog(progress: (done: number) => void): Promise<BigLog> {
    this.big ??= this.fillBigLog(progress);
    return this.big;
  }

  async cleanup(): Promise<void> {
    for (const dir of this.dirs.splice(0)) await removeDir(dir);
  }

  private async fillBigLog(progress: (done: number) => void): Promise<BigLog> {
    const dataDir = await tempDir('big-log');
    this.dirs.push(dataDir);
    const broker = await startBroker(dataDir);
    try {
      await createTopic(broker.http, BIG_TOPIC, 1);
      await fillTopic(broker.http, BIG_TOPIC, this.plan.bigLogRecords, this.values, progress);
    } finally {
      await broker.stop();
    }
    return { dataDir, topic: BIG_TOPIC, records: this.plan.bigLogRecords };
  }
}
