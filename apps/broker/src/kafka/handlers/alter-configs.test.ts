import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlerContext, serve, type TestHandlerContext } from '../testing/handler-context.js';
import { alterConfigsHandler } from './alter-configs.js';

let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext();
  await ctx.logs.createTopic('t', { configs: { 'retention.ms': '60000', 'segment.ms': '5000' } });
});
afterEach(() => ctx.close());

const alter = (resources: object[], validateOnly = false, version = 2) =>
  serve(ctx, alterConfigsHandler, version, { resources: resources as never, validateOnly });

describe('AlterConfigs', () => {
  it("replaces a topic's configs, live: those not listed return to their defaults", async () => {
    const answer = await alter([
      { resourceType: 2, resourceName: 't', configs: [{ name: 'retention.bytes', value: '1000000' }] },
    ]);
    expect(answer.responses).toEqual([{ resourceType: 2, resourceName: 't', errorCode: 0, errorMessage: null }]);
    expect(ctx.logs.getLog('t', 0).config).toMatchObject({
      retentionBytes: 1_000_000,
      retentionMs: ctx.logs.defaultConfig.retentionMs,
      segmentMs: ctx.logs.defaultConfig.segmentMs,
    });
  });

  it('changes nothing for validateOnly, a config it cannot honour, a null value, a repeated config or the broker', async () => {
    const resources = [
      { resourceType: 2, resourceName: 't', configs: [{ name: 'retention.ms', value: '1' }] },
      { resourceType: 2, resourceName: 't', configs: [{ name: 'cleanup.policy', value: 'compact' }] },
      { resourceType: 2, resourceName: 't', configs: [{ name: 'retention.ms', value: null }] },
      {
        resourceType: 2,
        resourceName: 't',
        configs: [
          { name: 'retention.ms', value: '1' },
          { name: 'retention.ms', value: '2' },
        ],
      },
      { resourceType: 2, resourceName: 'missing', configs: [] },
      { resourceType: 4, resourceName: '0', configs: [{ name: 'log.retention.ms', value: '1' }] },
    ];
    const answer = await alter(resources.slice(0, 1), true, 0);
    expect(answer.responses[0]?.errorCode).toBe(0);
    const refused = await alter(resources.slice(1), false, 1);
    expect(refused.responses.map((r) => r.errorCode)).toEqual([40, 40, 42, 3, 42]);
    expect(refused.responses[0]?.errorMessage).toMatch(/compaction is not implemented/);
    expect(refused.responses[4]?.errorMessage).toMatch(/read-only.*log.retention.ms/);
    expect(ctx.logs.getLog('t', 0).config).toMatchObject({ retentionMs: 60_000, segmentMs: 5000 });
  });
});
