import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlerContext, serve, type TestHandlerContext } from '../testing/handler-context.js';
import { deleteTopicsHandler } from './delete-topics.js';

const ZERO = '00000000-0000-0000-0000-000000000000';
let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext();
  for (const name of ['a', 'b', 'c']) await ctx.logs.createTopic(name);
});
afterEach(() => ctx.close());

describe('DeleteTopics', () => {
  it('deletes topics by name (v0-5), answering unknown and repeated names per topic', async () => {
    const answer = await serve(ctx, deleteTopicsHandler, 5, {
      topicNames: ['a', 'missing', 'b', 'b'],
      timeoutMs: 1000,
    });
    expect(answer.responses.map((r) => [r.name, r.errorCode])).toEqual([
      ['a', 0],
      ['missing', 3],
      ['b', 42],
      ['b', 42],
    ]);
    expect(answer.responses[1]?.errorMessage).toBe('Topic "missing" does not exist');
    expect(ctx.logs.listTopics().map((t) => t.name)).toEqual(['b', 'c']);
  });

  it('v6 deletes by name or by id, answers both, and refuses unknown ids and ambiguous entries', async () => {
    const idOfC = ctx.logs.topicId('c')!;
    const idOfA = ctx.logs.topicId('a')!;
    const answer = await serve(ctx, deleteTopicsHandler, 6, {
      topics: [
        { name: null, topicId: idOfC },
        { name: 'a', topicId: ZERO },
        { name: null, topicId: '11111111-2222-4333-8444-555555555555' },
        { name: 'b', topicId: ctx.logs.topicId('b')! },
        { name: null, topicId: ZERO },
      ],
      timeoutMs: 1000,
    });
    expect(answer.responses).toEqual([
      { name: 'c', topicId: idOfC, errorCode: 0, errorMessage: null },
      { name: 'a', topicId: idOfA, errorCode: 0, errorMessage: null },
      {
        name: null,
        topicId: '11111111-2222-4333-8444-555555555555',
        errorCode: 100,
        errorMessage: 'No topic has id 11111111-2222-4333-8444-555555555555',
      },
      expect.objectContaining({ name: 'b', errorCode: 42 }),
      expect.objectContaining({ name: null, errorCode: 42 }),
    ]);
    expect(ctx.logs.listTopics().map((t) => t.name)).toEqual(['b']);
  });
});
