import { LIST_OFFSETS_EARLIEST, LIST_OFFSETS_LATEST } from '@mini-kafka/kafka-protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callHandler, handlerContext, type TestHandlerContext } from '../testing/handler-context.js';
import { listOffsetsHandler } from './list-offsets.js';

let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext();
  await ctx.logs.createTopic('t', { partitions: 2 });
  const log = ctx.logs.getLog('t', 0);
  // Three segments, one record each, at times 1000, 2000 and 3000.
  await log.append([{ value: 'a', timestamp: 1_000 }]);
  await log.roll();
  await log.append([{ value: 'b', timestamp: 2_000 }]);
  await log.roll();
  await log.append([{ value: 'c', timestamp: 3_000 }]);
});
afterEach(() => ctx.close());

async function lookUp(timestamp: number, partition = 0, topic = 't', version = 2) {
  const response = await callHandler(listOffsetsHandler, ctx, version, {
    replicaId: -1,
    isolationLevel: 0,
    topics: [{ name: topic, partitions: [{ partitionIndex: partition, timestamp }] }],
  });
  const [answer] = response!.topics[0]!.partitions;
  return { errorCode: answer!.errorCode, offset: answer!.offset, timestamp: answer!.timestamp };
}

describe('ListOffsets', () => {
  it('v7: the max timestamp (-3) answers the first record with the largest timestamp; older versions refuse it', async () => {
    await ctx.logs.getLog('t', 0).append([{ value: 'late, but older', timestamp: 2_500 }]);
    expect(await lookUp(-3, 0, 't', 7)).toEqual({ errorCode: 0, offset: 2, timestamp: 3_000 });
    expect(await lookUp(-3, 1, 't', 7)).toEqual({ errorCode: 0, offset: -1, timestamp: -1 });
    expect((await lookUp(-3, 0, 't', 6)).errorCode).toBe(42);
  });

  it('v0: old-style offset lists with the one offset found', async () => {
    const answer = async (timestamp: number) => {
      const response = await callHandler(listOffsetsHandler, ctx, 0, {
        replicaId: -1,
        topics: [{ name: 't', partitions: [{ partitionIndex: 0, timestamp, maxNumOffsets: 10 }] }],
      });
      return response!.topics[0]!.partitions[0]!.oldStyleOffsets;
    };
    expect(await answer(LIST_OFFSETS_LATEST)).toEqual([3]);
    expect(await answer(LIST_OFFSETS_EARLIEST)).toEqual([0]);
    expect(await answer(9_999)).toEqual([]);
  });

  it('answers the log start for earliest and the high watermark for latest', async () => {
    expect(await lookUp(LIST_OFFSETS_EARLIEST)).toEqual({ errorCode: 0, offset: 0, timestamp: -1 });
    expect(await lookUp(LIST_OFFSETS_LATEST)).toEqual({ errorCode: 0, offset: 3, timestamp: -1 });
    expect(await lookUp(LIST_OFFSETS_LATEST, 1)).toEqual({ errorCode: 0, offset: 0, timestamp: -1 });
  });

  it('answers the log start once retention has deleted the oldest segments', async () => {
    await ctx.logs.createTopic('kept', { partitions: 1, config: { retentionBytes: 1, retentionMs: -1 } });
    const log = ctx.logs.getLog('kept', 0);
    for (const value of ['a', 'b', 'c']) {
      await log.append([{ value }]);
      await log.roll();
    }
    await log.append([{ value: 'd' }]);
    expect(await log.deleteOldSegments()).toBeGreaterThan(0);
    expect(await lookUp(LIST_OFFSETS_EARLIEST, 0, 'kept')).toEqual({
      errorCode: 0,
      offset: log.logStartOffset,
      timestamp: -1,
    });
    expect(log.logStartOffset).toBeGreaterThan(0);
  });

  it('answers the first record at or after a timestamp, or offset -1 when there is none', async () => {
    expect(await lookUp(0)).toEqual({ errorCode: 0, offset: 0, timestamp: 1_000 });
    expect(await lookUp(2_000)).toEqual({ errorCode: 0, offset: 1, timestamp: 2_000 });
    expect(await lookUp(2_001)).toEqual({ errorCode: 0, offset: 2, timestamp: 3_000 });
    expect(await lookUp(3_001)).toEqual({ errorCode: 0, offset: -1, timestamp: -1 });
    expect(await lookUp(1_500, 0, 't', 1)).toEqual({ errorCode: 0, offset: 1, timestamp: 2_000 });
  });

  it('answers UNKNOWN_TOPIC_OR_PARTITION for an unknown topic or partition', async () => {
    expect(await lookUp(LIST_OFFSETS_LATEST, 0, 'nope')).toEqual({ errorCode: 3, offset: -1, timestamp: -1 });
    expect(await lookUp(LIST_OFFSETS_EARLIEST, 7)).toEqual({ errorCode: 3, offset: -1, timestamp: -1 });
  });
});
