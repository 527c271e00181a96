import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlerContext, serve, type TestHandlerContext } from '../testing/handler-context.js';
import { createPartitionsHandler } from './create-partitions.js';

let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext();
  await ctx.logs.createTopic('t', { partitions: 2 });
  await ctx.logs.createTopic('u', { partitions: 3 });
});
afterEach(() => ctx.close());

const partitionsOf = (name: string) => ctx.logs.getTopic(name)?.partitions;

describe('CreatePartitions', () => {
  it('grows topics, and refuses the same or a smaller count, unknown topics and bad assignments', async () => {
    const answer = await serve(ctx, createPartitionsHandler, 3, {
      topics: [
        { name: 't', count: 4, assignments: null },
        { name: 'u', count: 3, assignments: null },
        { name: 'missing', count: 2, assignments: null },
        { name: 'u', count: 2, assignments: null },
      ],
      timeoutMs: 1000,
      validateOnly: false,
    });
    expect(answer.results.map((r) => [r.name, r.errorCode])).toEqual([
      ['t', 0],
      ['u', 42],
      ['missing', 3],
      ['u', 42],
    ]);
    expect(partitionsOf('t')).toBe(4);

    const more = await serve(ctx, createPartitionsHandler, 0, {
      topics: [
        { name: 'u', count: 3, assignments: null },
        { name: 't', count: 2, assignments: null },
        { name: 't', count: 6, assignments: [{ brokerIds: [0] }] },
      ],
      timeoutMs: 1000,
      validateOnly: false,
    });
    expect(more.results.map((r) => [r.name, r.errorCode, r.errorMessage])).toEqual([
      ['u', 37, 'Topic "u" already has 3 partitions'],
      ['t', 42, expect.stringContaining('more than once')],
      ['t', 42, expect.stringContaining('more than once')],
    ]);
    const assigned = await serve(ctx, createPartitionsHandler, 1, {
      topics: [
        { name: 't', count: 6, assignments: [{ brokerIds: [0] }] },
        { name: 'u', count: 4, assignments: [{ brokerIds: [0, 1] }] },
      ],
      timeoutMs: 1000,
      validateOnly: false,
    });
    expect(assigned.results.map((r) => r.errorCode)).toEqual([39, 38]);
    expect([partitionsOf('t'), partitionsOf('u')]).toEqual([4, 3]);
  });

  it('with validateOnly, answers as it would and grows nothing', async () => {
    const answer = await serve(ctx, createPartitionsHandler, 2, {
      topics: [
        { name: 't', count: 5, assignments: [] },
        { name: 'u', count: 1, assignments: null },
      ],
      timeoutMs: 1000,
      validateOnly: true,
    });
    expect(answer.results.map((r) => r.errorCode)).toEqual([0, 37]);
    expect(partitionsOf('t')).toBe(2);
  });
});

describe('CreatePartitions under maxPartitions', () => {
  it('refuses growth past the broker-wide partition limit with POLICY_VIOLATION, validateOnly too', async () => {
    const limited = await handlerContext({ config: { maxPartitions: 6 } });
    try {
      await limited.logs.createTopic('t', { partitions: 2 });
      await limited.logs.createTopic('u', { partitions: 3 });
      const grow = async (count: number, validateOnly: boolean) =>
        (
          await serve(limited, createPartitionsHandler, 3, {
            topics: [{ name: 't', count, assignments: null }],
            timeoutMs: 1000,
            validateOnly,
          })
        ).results.map((r) => [r.errorCode, r.errorMessage]);
      const refused = [
        44,
        `Cannot grow topic "t" from 2 to 4 partitions: the broker would hold 7 partitions across all topics and its limit is 6 (the maxPartitions setting; the broker's --max-partitions flag raises it)`,
      ];
      expect(await grow(4, true)).toEqual([refused]);
      expect(await grow(4, false)).toEqual([refused]);
      expect(await grow(3, false)).toEqual([[0, null]]);
      expect(limited.logs.getTopic('t')?.partitions).toBe(3);
    } finally {
      await limited.close();
    }
  });
});
