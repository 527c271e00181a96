import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlerContext, serve, type TestHandlerContext } from '../testing/handler-context.js';
import { describeConfigsHandler } from './describe-configs.js';

let ctx: TestHandlerContext;
beforeEach(async () => {
  ctx = await handlerContext({ config: { segmentBytes: 4096 } });
  await ctx.logs.createTopic('t', { configs: { 'retention.ms': '60000' } });
});
afterEach(() => ctx.close());

const describeAt = (version: number, resources: object[], options: object = {}) =>
  serve(ctx, describeConfigsHandler, version, {
    resources: resources as never,
    includeSynonyms: false,
    includeDocumentation: false,
    ...options,
  });

describe('DescribeConfigs', () => {
  it('describes a topic: every config or those asked for, with sources, synonyms and documentation on request', async () => {
    const all = await describeAt(4, [{ resourceType: 2, resourceName: 't', configurationKeys: null }]);
    const names = all.results[0]!.configs.map((c) => c.name);
    expect(names).toContain('retention.ms');
    expect(names).toContain('cleanup.policy');
    expect(names).toContain('min.insync.replicas');

    const some = await describeAt(
      4,
      [{ resourceType: 2, resourceName: 't', configurationKeys: ['retention.ms', 'segment.bytes', 'no.such'] }],
      { includeSynonyms: true, includeDocumentation: true },
    );
    const [retention, segment] = some.results[0]!.configs;
    expect(some.results[0]).toMatchObject({ errorCode: 0, resourceType: 2, resourceName: 't' });
    expect(retention).toMatchObject({
      name: 'retention.ms',
      value: '60000',
      readOnly: false,
      configSource: 1,
      configType: 5,
    });
    expect(retention?.synonyms).toEqual([
      { name: 'retention.ms', value: '60000', source: 1 },
      { name: 'log.retention.ms', value: '604800000', source: 5 },
    ]);
    expect(retention?.documentation).toMatch(/older than/);
    expect(segment).toMatchObject({ name: 'segment.bytes', value: '4096', configSource: 4, configType: 3 });

    const plain = await describeAt(3, [{ resourceType: 2, resourceName: 't', configurationKeys: ['retention.ms'] }]);
    expect(plain.results[0]!.configs[0]).toMatchObject({ synonyms: [], documentation: null });
  });

  it('v0 answers isDefault in place of the source', async () => {
    const answer = await describeAt(0, [
      { resourceType: 2, resourceName: 't', configurationKeys: ['retention.ms', 'segment.ms'] },
    ]);
    expect(answer.results[0]!.configs.map((c) => [c.name, c.isDefault])).toEqual([
      ['retention.ms', false],
      ['segment.ms', true],
    ]);
  });

  it('describes the broker read-only, and answers errors per resource', async () => {
    const answer = await describeAt(
      2,
      [
        { resourceType: 4, resourceName: '0', configurationKeys: ['log.segment.bytes', 'num.partitions'] },
        { resourceType: 2, resourceName: 'missing', configurationKeys: null },
        { resourceType: 4, resourceName: '3', configurationKeys: null },
        { resourceType: 8, resourceName: '0', configurationKeys: null },
        { resourceType: 2, resourceName: 'a/b', configurationKeys: null },
      ],
      { includeSynonyms: true },
    );
    const [broker, ...errors] = answer.results;
    expect(broker!.configs).toEqual([
      expect.objectContaining({ name: 'log.segment.bytes', value: '4096', readOnly: true, configSource: 4 }),
      expect.objectContaining({ name: 'num.partitions', value: '1', readOnly: true, configSource: 5 }),
    ]);
    expect(errors.map((r) => [r.resourceName, r.errorCode, r.configs.length])).toEqual([
      ['missing', 3, 0],
      ['3', 42, 0],
      ['0', 42, 0],
      ['a/b', 17, 0],
    ]);
  });
});
