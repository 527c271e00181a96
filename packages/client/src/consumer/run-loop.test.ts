import { topicPartitionKey } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import type { ConsumerRecord } from '../encoding.js';
import type { RunOptions } from './consumer-options.js';
import { PartitionPositions } from './partition-positions.js';
import { type RunHost, RunLoop } from './run-loop.js';

const record = (partition: number, offset: number): ConsumerRecord => ({
  topic: 't',
  partition,
  offset,
  timestamp: 0,
  key: null,
  value: Buffer.from(`${partition}/${offset}`),
  headers: {},
});

/** A host serving the given batches, then closing; it records rewinds and commits. */
function host(batches: ConsumerRecord[][]) {
  const positions = new PartitionPositions();
  const rewinds: Array<Array<[number, number]>> = [];
  const commits: Array<Array<[number, number]>> = [];
  let closed = false;
  const state: RunHost & { stale: boolean } = {
    stale: false,
    isClosed: () => closed,
    isStale: () => state.stale,
    nextBatch: async () => {
      const batch = batches.shift();
      if (batch === undefined) closed = true;
      return batch ?? [];
    },
    delivered: (r) => positions.advance('delivered', r.topic, r.partition, r.offset + 1),
    processed: (topic, partition, next) => positions.advance('processed', topic, partition, next),
    seeked: new Set<string>(),
    rewind: async (records) => {
      rewinds.push(records.map((r) => [r.partition, r.offset]));
      for (const r of records) positions.rewind(r.topic, r.partition, r.offset);
    },
    commitProcessed: async () => state.commitProcessedInBackground(),
    commitProcessedInBackground: () => {
      const offsets = positions.uncommitted('processed');
      positions.committed(offsets);
      commits.push(offsets.map((o) => [o.partition, o.offset]));
    },
    heartbeat: async () => undefined,
    backoff: async () => undefined,
  };
  return { state, positions, rewinds, commits };
}

async function run(batches: ConsumerRecord[][], options: RunOptions) {
  const fixture = host(batches);
  await new RunLoop(fixture.state, options).run();
  return fixture;
}

describe('RunLoop', () => {
  it('marks each record processed after its handler and commits after the batch', async () => {
    const seen: string[] = [];
    const { commits } = await run([[record(0, 0), record(1, 0), record(0, 1)]], {
      eachMessage: ({ message: r }) => void seen.push(r.value!.toString()),
    });
    expect(seen).toEqual(['0/0', '1/0', '0/1']);
    expect(commits).toEqual([
      [
        [0, 2],
        [1, 1],
      ],
    ]);
  });

  it('on a handler error: commits what succeeded, rewinds every partition to its first unprocessed record, reports', async () => {
    const errors: unknown[] = [];
    const { rewinds, commits, positions } = await run([[record(0, 0), record(1, 0), record(0, 1), record(1, 1)]], {
      eachMessage: ({ message: r }) => {
        if (r.partition === 0 && r.offset === 1) throw new Error('boom');
      },
      onError: (error) => errors.push(error),
    });
    expect(rewinds).toEqual([
      [
        [0, 1],
        [1, 1],
      ],
    ]);
    expect(commits[0]).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect(positions.get('delivered', 't', 0)).toBe(1);
    expect(errors).toHaveLength(1);
  });

  it('stops before the next record when a rebalance is pending, leaving the rest to be fetched again', async () => {
    const fixture = host([[record(0, 0), record(0, 1), record(0, 2)]]);
    await new RunLoop(fixture.state, {
      eachMessage: ({ message: r }) => {
        if (r.offset === 0) fixture.state.stale = true;
      },
    }).run();
    expect(fixture.rewinds).toEqual([
      [
        [0, 1],
        [0, 2],
      ],
    ]);
    expect(fixture.commits).toEqual([[[0, 1]]]);
  });

  it('skips the rest of a partition the handler seeked, and does not mark the seeked record processed', async () => {
    const seen: number[] = [];
    const fixture = host([[record(0, 0), record(0, 1), record(1, 0)]]);
    await new RunLoop(fixture.state, {
      eachMessage: ({ message: r }) => {
        seen.push(r.offset);
        if (r.partition === 0 && r.offset === 0) {
          fixture.state.seeked.add(topicPartitionKey('t', 0));
          fixture.positions.seek('t', 0, 10);
        }
      },
    }).run();
    expect(seen).toEqual([0, 0]);
    expect(fixture.positions.get('processed', 't', 0)).toBe(10);
  });

  it('eachBatch: one call per partition; resolveOffset keeps progress when the handler throws', async () => {
    const calls: Array<[number, number]> = [];
    const { rewinds, commits } = await run([[record(0, 0), record(1, 0), record(0, 1), record(1, 1), record(1, 2)]], {
      eachBatch: ({ batch, resolveOffset }) => {
        calls.push([batch.partition, batch.messages.length]);
        if (batch.partition === 1) {
          resolveOffset(0);
          throw new Error('partial');
        }
      },
      onError: () => undefined,
    });
    expect(calls).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(rewinds).toEqual([
      [
        [1, 1],
        [1, 2],
      ],
    ]);
    expect(commits[0]).toEqual([
      [0, 2],
      [1, 1],
    ]);
  });
});
