import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlerContext, serve, type TestHandlerContext } from '../testing/handler-context.js';
import { describeLogDirsHandler } from './describe-log-dirs.js';

let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext({ onDisk: true });
  await ctx.logs.createTopic('a', { partitions: 2 });
  await ctx.logs.createTopic('b');
  await ctx.logs.getLog('a', 1).append([{ value: 'x'.repeat(1000) }]);
});
afterEach(() => ctx.close());

describe('DescribeLogDirs', () => {
  it('answers the data directory with its sizes (v4) and every partition for a null topic list', async () => {
    const answer = await serve(ctx, describeLogDirsHandler, 4, { topics: null });
    const [dir] = answer.results;
    expect(dir).toMatchObject({ errorCode: 0, logDir: ctx.config.dataDir });
    expect(dir!.totalBytes).toBeGreaterThan(0);
    expect(dir!.usableBytes).toBeGreaterThan(0);
    expect(dir!.usableBytes).toBeLessThanOrEqual(dir!.totalBytes);
    expect(dir!.topics.map((t) => [t.name, t.partitions.map((p) => [p.partitionIndex, p.partitionSize])])).toEqual([
      [
        'a',
        [
          [0, 0],
          [1, ctx.logs.getLog('a', 1).size],
        ],
      ],
      ['b', [[0, 0]]],
    ]);
    expect(ctx.logs.getLog('a', 1).size).toBeGreaterThan(1000);
  });

  it('answers only the partitions asked for that exist; v0 without sizes', async () => {
    const answer = await serve(ctx, describeLogDirsHandler, 0, {
      topics: [
        { topic: 'a', partitions: [1, 5] },
        { topic: 'missing', partitions: [0] },
      ],
    });
    const [dir] = answer.results;
    expect(dir!.topics).toEqual([
      {
        name: 'a',
        partitions: [
          { partitionIndex: 1, partitionSize: ctx.logs.getLog('a', 1).size, offsetLag: 0, isFutureKey: false },
        ],
      },
    ]);
    expect([dir!.totalBytes, dir!.usableBytes]).toEqual([-1, -1]);
  });
});
