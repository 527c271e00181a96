import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlerContext, serve, type TestHandlerContext } from '../testing/handler-context.js';
import { incrementalAlterConfigsHandler } from './incremental-alter-configs.js';

let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext();
  await ctx.logs.createTopic('t', { configs: { 'retention.ms': '60000', 'segment.ms': '5000' } });
});
afterEach(() => ctx.close());

const SET = 0;
const DELETE = 1;
const APPEND = 2;

const alter = (configs: { name: string; configOperation: number; value: string | null }[], resourceName = 't') =>
  serve(ctx, incrementalAlterConfigsHandler, 1, {
    resources: [{ resourceType: 2, resourceName, configs }],
    validateOnly: false,
  }).then((answer) => answer.responses[0]!);

describe('IncrementalAlterConfigs', () => {
  it('sets and deletes the configs named, live, keeping the others', async () => {
    const answer = await alter([
      { name: 'retention.ms', configOperation: SET, value: '1000' },
      { name: 'segment.ms', configOperation: DELETE, value: null },
      { name: 'leader.replication.throttled.replicas', configOperation: APPEND, value: '0:0' },
    ]);
    expect(answer).toMatchObject({ errorCode: 0, errorMessage: null });
    expect(ctx.logs.getLog('t', 0).config).toMatchObject({
      retentionMs: 1000,
      segmentMs: ctx.logs.defaultConfig.segmentMs,
    });
    expect(ctx.logs.getTopic('t')?.acceptedConfigs).toEqual({ 'leader.replication.throttled.replicas': '0:0' });
  });

  it('refuses unknown operations, appends to non-lists, compaction and repeated configs, changing nothing', async () => {
    const answers = [
      await alter([{ name: 'retention.ms', configOperation: 7, value: '1' }]),
      await alter([{ name: 'retention.ms', configOperation: APPEND, value: '1' }]),
      await alter([
        { name: 'retention.ms', configOperation: SET, value: '1' },
        { name: 'cleanup.policy', configOperation: SET, value: 'compact' },
      ]),
      await alter([
        { name: 'retention.ms', configOperation: SET, value: '1' },
        { name: 'retention.ms', configOperation: DELETE, value: null },
      ]),
      await alter([], 'missing'),
    ];
    expect(answers.map((a) => a.errorCode)).toEqual([42, 40, 40, 42, 3]);
    expect(answers[1]?.errorMessage).toBe('Config value append is not allowed for config key: retention.ms');
    expect(ctx.logs.getLog('t', 0).config.retentionMs).toBe(60_000);
  });
});
