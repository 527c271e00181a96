import { topicPartitionKey } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import type { ConsumerRecord } from '../encoding.js';
import type { RunOptions } from './consumer-options.js';
import { PartitionPositions } from './partition-positions.js';
import { type RunHost, RunLoop } from './run-loop.js';

const message = (partition: number, offset: number): ConsumerRecord => ({
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
    delivered: (m) => positions.advance('delivered', m.topic, m.partition, m.offset + 1),
    processed: (topic, partition, next) => positions.advance('processed', topic, partition, next),
    seeked: new Set<string>(),
    rewind: async (messages) => {
      rewinds.push(messages.map((m) => [m.partition, m.offset]));
      for (const m of messages) positions.rewind(m.topic, m.partition, m.offset);
    },
    commitProcessed: async () => {
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
  it('marks each message processed after its handler and commits after the batch', async () => {
    const seen: string[] = [];
    const { commits } = await run([[message(0, 0), message(1, 0), message(0, 1)]], {
      eachMessage: ({ message: m }) => void seen.push(m.value!.toString()),
    });
    expect(seen).toEqual(['0/0', '1/0', '0/1']);
    expect(commits).toEqual([
      [
        [0, 2],
        [1, 1],
      ],
    ]);
  });

  it('on a handler error: commits what succeeded, rewinds every partition to its first unprocessed message, reports', async () => {
    const errors: unknown[] = [];
    const { rewinds, commits, positions } = await run([[message(0, 0), message(1, 0), message(0, 1), message(1, 1)]], {
      eachMessage: ({ message: m }) => {
        if (m.partition === 0 && m.offset === 1) throw new Error('boom');
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

  it('stops before the next message when a rebalance is pending, leaving the rest to be fetched again', async () => {
    const fixture = host([[message(0, 0), message(0, 1), message(0, 2)]]);
    await new RunLoop(fixture.state, {
      eachMessage: ({ message: m }) => {
        if (m.offset === 0) fixture.state.stale = true;
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

  it('skips the rest of a partition the handler seeked, and does not mark the seeked message processed', async () => {
    const seen: number[] = [];
    const fixture = host([[message(0, 0), message(0, 1), message(1, 0)]]);
    await new RunLoop(fixture.state, {
      eachMessage: ({ message: m }) => {
        seen.push(m.offset);
        if (m.partition === 0 && m.offset === 0) {
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
    const { rewinds, commits } = await run(
      [[message(0, 0), message(1, 0), message(0, 1), message(1, 1), message(1, 2)]],
      {
        eachBatch: ({ batch, resolveOffset }) => {
          calls.push([batch.partition, batch.messages.length]);
          if (batch.partition === 1) {
            resolveOffset(0);
            throw new Error('partial');
          }
        },
        onError: () => undefined,
      },
    );
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
