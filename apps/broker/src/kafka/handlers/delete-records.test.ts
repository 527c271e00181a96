import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlerContext, serve, type TestHandlerContext } from '../testing/handler-context.js';
import { deleteRecordsHandler } from './delete-records.js';

let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext({ onDisk: true, config: { segmentBytes: 1024 } });
  await ctx.logs.createTopic('t', { partitions: 3 });
  for (const partition of [0, 1]) {
    for (let i = 0; i < 10; i++) await ctx.logs.getLog('t', partition).append([{ value: 'v'.repeat(200) }]);
  }
});
afterEach(() => ctx.close());

describe('DeleteRecords', () => {
  it('moves each log start offset and answers the new low watermarks, or errors per partition', async () => {
    const answer = await serve(ctx, deleteRecordsHandler, 2, {
      topics: [
        {
          name: 't',
          partitions: [
            { partitionIndex: 0, offset: 6 },
            { partitionIndex: 1, offset: -1 },
            { partitionIndex: 2, offset: 1 },
            { partitionIndex: 7, offset: 0 },
          ],
        },
        { name: 'missing', partitions: [{ partitionIndex: 0, offset: 0 }] },
      ],
      timeoutMs: 1000,
    });
    expect(answer.topics).toEqual([
      {
        name: 't',
        partitions: [
          { partitionIndex: 0, lowWatermark: 6, errorCode: 0 },
          { partitionIndex: 1, lowWatermark: 10, errorCode: 0 },
          { partitionIndex: 2, lowWatermark: -1, errorCode: 1 },
          { partitionIndex: 7, lowWatermark: -1, errorCode: 3 },
        ],
      },
      { name: 'missing', partitions: [{ partitionIndex: 0, lowWatermark: -1, errorCode: 3 }] },
    ]);
    expect(ctx.logs.getLog('t', 0).logStartOffset).toBe(6);
    await expect(ctx.logs.getLog('t', 0).read(5)).rejects.toThrow(/out of range/);
    expect(ctx.logs.getLog('t', 1).size).toBe(0);

    const again = await serve(ctx, deleteRecordsHandler, 0, {
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, offset: 3 }] }],
      timeoutMs: 1000,
    });
    expect(again.topics[0]?.partitions[0]).toEqual({ partitionIndex: 0, lowWatermark: 6, errorCode: 0 });
  });
});
