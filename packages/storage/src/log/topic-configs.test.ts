import { isMiniKafkaError } from '@mini-kafka/protocol';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOG_CONFIG } from './log-config.js';
import { TOPIC_CONFIG_DEFS } from './topic-config-defs.js';
import { applyConfigOps, describeTopicConfigs, kafkaOverrides, parseTopicConfigs } from './topic-configs.js';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isMiniKafkaError(error, 'INVALID_CONFIG'), String(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected INVALID_CONFIG');
}

describe('topic configs under Kafka names', () => {
  it('turns the configs the log acts on into LogConfig settings, and keeps the others as strings', () => {
    expect(
      parseTopicConfigs({
        'retention.ms': '60000',
        'retention.bytes': '-1',
        'segment.bytes': ' 1048576 ',
        'segment.ms': '3600000',
        'max.message.bytes': '2000000',
        'index.interval.bytes': '1024',
        'flush.ms': '50',
        'cleanup.policy': 'delete',
        preallocate: 'TRUE',
        'min.cleanable.dirty.ratio': '0.25',
        'min.insync.replicas': '1',
      }),
    ).toEqual({
      log: {
        retentionMs: 60_000,
        retentionBytes: -1,
        segmentBytes: 1_048_576,
        segmentMs: 3_600_000,
        maxBatchBytes: 2_000_000,
        indexIntervalBytes: 1024,
        flushIntervalMs: 50,
      },
      accepted: {
        'cleanup.policy': 'delete',
        preallocate: 'true',
        'min.cleanable.dirty.ratio': '0.25',
        'min.insync.replicas': '1',
      },
    });
  });

  it('takes Kafka\'s Long.MAX_VALUE (its "never") for the LONG settings, acting on the largest safe number', () => {
    const never = '9223372036854775807';
    expect(parseTopicConfigs({ 'flush.ms': never, 'retention.ms': never, 'segment.ms': never }).log).toEqual({
      flushIntervalMs: Number.MAX_SAFE_INTEGER,
      retentionMs: Number.MAX_SAFE_INTEGER,
      segmentMs: Number.MAX_SAFE_INTEGER,
    });
    const described = describeTopicConfigs(parseTopicConfigs({ 'flush.ms': never }), DEFAULT_LOG_CONFIG);
    expect(described.find((entry) => entry.name === 'flush.ms')).toMatchObject({
      value: never,
      source: 'TOPIC_CONFIG',
    });
    expect(refusal(() => parseTopicConfigs({ 'flush.ms': '9223372036854775808' }))).toMatch(
      /flush.ms: must be between 1 and 9223372036854775807/,
    );
    expect(refusal(() => parseTopicConfigs({ 'segment.bytes': never }))).toMatch(/segment.bytes: must be between 1024/);
  });

  it('refuses unknown names, bad values and what Mini Kafka cannot do, naming the config', () => {
    expect(refusal(() => parseTopicConfigs({ 'retention.hours': '1' }))).toBe(
      'Unknown topic config name: retention.hours',
    );
    expect(refusal(() => parseTopicConfigs({ 'retention.ms': 'soon' }))).toBe(
      'Invalid value "soon" for topic config retention.ms: not a number of type LONG, or -1 for no limit',
    );
    expect(refusal(() => parseTopicConfigs({ 'segment.bytes': '10' }))).toMatch(/segment.bytes: must be between 1024/);
    expect(refusal(() => parseTopicConfigs({ 'segment.bytes': '99999999999' }))).toMatch(/segment.bytes/);
    expect(refusal(() => parseTopicConfigs({ 'retention.ms': '1.5' }))).toMatch(/retention.ms/);
    expect(refusal(() => parseTopicConfigs({ 'retention.ms': null }))).toBe(
      'Null value not supported for topic config retention.ms',
    );
    expect(refusal(() => parseTopicConfigs({ preallocate: 'maybe' }))).toMatch(/preallocate: must be true or false/);
    expect(refusal(() => parseTopicConfigs({ 'min.cleanable.dirty.ratio': '2' }))).toMatch(/between 0 and 1/);
    expect(refusal(() => parseTopicConfigs({ 'cleanup.policy': 'compact' }))).toBe(
      'Topic config cleanup.policy=compact is not supported: log compaction is not implemented; old segments are deleted by retention (delete)',
    );
    expect(refusal(() => parseTopicConfigs({ 'cleanup.policy': 'compact,delete' }))).toMatch(/compaction/);
    expect(refusal(() => parseTopicConfigs({ 'message.timestamp.type': 'LogAppendTime' }))).toMatch(/CreateTime/);
    expect(refusal(() => parseTopicConfigs({ 'compression.type': 'gzip' }))).toMatch(/as the producer compressed/);
    expect(refusal(() => parseTopicConfigs({ 'min.insync.replicas': '2' }))).toMatch(/only replica/);
    // A long value is cut in the message; one longer than any config needs is refused before it is stored.
    expect(refusal(() => parseTopicConfigs({ 'retention.ms': 'x'.repeat(4000) })).length).toBeLessThan(200);
    expect(refusal(() => parseTopicConfigs({ preallocate: 'x'.repeat(4000) })).length).toBeLessThan(200);
    expect(refusal(() => parseTopicConfigs({ 'leader.replication.throttled.replicas': '0:0,'.repeat(2000) }))).toBe(
      'The value of topic config leader.replication.throttled.replicas is longer than 4096 characters',
    );
  });

  it('applies incremental operations: set, delete, append to and subtract from lists', () => {
    const current = { 'retention.ms': '1000', 'follower.replication.throttled.replicas': '0:1' };
    expect(
      applyConfigOps(current, [
        { name: 'retention.ms', op: 'DELETE', value: null },
        { name: 'segment.ms', op: 'SET', value: '5000' },
        { name: 'follower.replication.throttled.replicas', op: 'APPEND', value: '0:2,0:1' },
        { name: 'leader.replication.throttled.replicas', op: 'APPEND', value: '1:0' },
      ]),
    ).toEqual({
      'segment.ms': '5000',
      'follower.replication.throttled.replicas': '0:1,0:2',
      'leader.replication.throttled.replicas': '1:0',
    });
    expect(
      applyConfigOps({ 'cleanup.policy': 'delete' }, [{ name: 'cleanup.policy', op: 'SUBTRACT', value: 'delete' }]),
    ).toEqual({ 'cleanup.policy': '' });
    expect(refusal(() => applyConfigOps({}, [{ name: 'retention.ms', op: 'APPEND', value: '1' }]))).toBe(
      'Config value append is not allowed for config key: retention.ms',
    );
    expect(refusal(() => applyConfigOps({}, [{ name: 'nope', op: 'DELETE', value: null }]))).toMatch(/Unknown/);
    expect(kafkaOverrides({ log: { retentionMs: 5, flush: 'never' }, accepted: { preallocate: 'true' } })).toEqual({
      'retention.ms': '5',
      preallocate: 'true',
    });
  });

  it('describes every config with its value, source and synonyms, most specific first', () => {
    const defaults = { ...DEFAULT_LOG_CONFIG, segmentBytes: 4096 };
    const entries = describeTopicConfigs({ log: { retentionMs: 1000 }, accepted: { preallocate: 'true' } }, defaults);
    expect(entries.map((e) => e.name)).toEqual(TOPIC_CONFIG_DEFS.map((d) => d.name));
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect(byName.get('retention.ms')).toEqual({
      name: 'retention.ms',
      value: '1000',
      source: 'TOPIC_CONFIG',
      readOnly: false,
      sensitive: false,
      type: 'LONG',
      documentation: expect.stringContaining('older than'),
      synonyms: [
        { name: 'retention.ms', value: '1000', source: 'TOPIC_CONFIG' },
        { name: 'log.retention.ms', value: '604800000', source: 'DEFAULT_CONFIG' },
      ],
    });
    expect(byName.get('segment.bytes')).toMatchObject({
      value: '4096',
      source: 'STATIC_BROKER_CONFIG',
      type: 'INT',
      synonyms: [
        { name: 'log.segment.bytes', value: '4096', source: 'STATIC_BROKER_CONFIG' },
        { name: 'log.segment.bytes', value: '1073741824', source: 'DEFAULT_CONFIG' },
      ],
    });
    expect(byName.get('max.message.bytes')).toMatchObject({ value: '1048588', source: 'DEFAULT_CONFIG' });
    expect(byName.get('cleanup.policy')).toMatchObject({ value: 'delete', source: 'DEFAULT_CONFIG', type: 'LIST' });
    expect(byName.get('preallocate')).toMatchObject({ value: 'true', source: 'TOPIC_CONFIG', type: 'BOOLEAN' });
    // Every default a definition gives is a value it accepts.
    for (const def of TOPIC_CONFIG_DEFS) {
      if (def.support !== 'honoured')
        expect(parseTopicConfigs({ [def.name]: def.default }).accepted[def.name]).toBe(def.default);
    }
  });
});
