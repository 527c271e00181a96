/**
 * Go's sarama, from Debian (`golang-github-shopify-sarama-dev`, built offline by
 * `support/go-programs.ts` from `clients/go/sarama-scenario`), at its default protocol
 * version and at the newest one it knows (`sarama.MaxVersion`): metadata, keyed produce, list
 * offsets, a consumer group with commits, the ClusterAdmin's topic, group and cluster calls,
 * DeleteGroups, a group's offsets reset through an OffsetManager and the idempotent producer,
 * each checked through the broker's HTTP API afterwards. A feature sarama itself refuses at a
 * protocol version (its ConfigurationError) is skipped with its words; one it has no API for at
 * any version is skipped with what its source lacks.
 */
import { afterEach, beforeAll, describe, expect } from 'vitest';
import {
  commitOverHttp,
  committedOverHttp,
  committedTotal,
  createTopic,
  deleteRecordsOverHttp,
  produceToPartition,
  produceValues,
  recordsOverHttp,
  topicOverHttp,
} from '../support/broker-evidence.js';
import { Brokers } from '../support/brokers.js';
import { beyondClient, clientFeatures } from '../support/client-features.js';
import { buildGoProgram, debianVersion, goSkipReason, SARAMA } from '../support/go-programs.js';
import { call } from '../support/json-call.js';
import { expectSteps, runScenario, stepOf } from '../support/scenario-program.js';

const brokers = new Brokers();
afterEach(() => brokers.cleanup());

const missing = goSkipReason(SARAMA);
if (missing !== undefined) console.warn(`sarama scenarios SKIPPED: ${missing}`);
const version = debianVersion(SARAMA);
let binary = '';
beforeAll(async () => {
  if (missing === undefined) binary = await buildGoProgram('sarama-scenario', SARAMA);
});

/**
 * Skipped until the broker serves what they need (the API, then sarama's error today), per
 * protocol version. sarama's default in 1.22 is V0_8_2_0: Produce v0 with magic-0 message sets.
 */
const PENDING: Record<'default' | 'newest', Record<string, string>> = {
  default: {},
  newest: {},
};

/** What sarama has no API for at any protocol version (read in its source at 1.22.1). */
const BEYOND_SARAMA: Record<string, string> = {
  'admin: incremental alter configs':
    'sarama 1.22.1 has no IncrementalAlterConfigs: its ClusterAdmin has AlterConfig, which replaces a whole config',
  'static membership':
    'sarama 1.22.1 has no group.instance.id: Config.Consumer.Group has no instance id, and its JoinGroup goes up to v2 (static members need v5)',
  'cooperative rebalancing':
    'sarama 1.22.1 implements only the eager rebalance protocol: a rebalance revokes every partition, and its strategies are range and roundrobin',
};

/** The protocol versions the scenarios run at: sarama's own default, and its newest. */
const PROTOCOLS = [
  { arg: 'default', label: 'default version' },
  { arg: 'newest', label: 'MaxVersion' },
] as const;

for (const protocol of PROTOCOLS) {
  const client = `sarama ${version} (${protocol.label})`;
  const feature = clientFeatures(client, { missing, pending: PENDING[protocol.arg] });
  const P = `sarama-${protocol.arg}`;

  async function scenario(name: string, prepare?: (url: string) => Promise<void>, args: string[] = []) {
    const broker = await brokers.start();
    await prepare?.(broker.url);
    const run = await runScenario(binary, [broker.kafkaBootstrap!, P, name, protocol.arg, ...args]);
    return { url: broker.url, run, broker };
  }

  describe.skipIf(missing !== undefined)(client, () => {
    feature('metadata', async (ctx) => {
      const { run } = await scenario('metadata', (url) => createTopic(url, `${P}-meta`, 3));
      expectSteps(run, ['connect', 'topics', 'partitions', 'leader'], ctx);
      expect(run.steps.find((s) => s.step === 'partitions')?.partitions).toBe(3);
    });

    feature('produce keyed', async (ctx) => {
      const { url, run } = await scenario('produce', (u) => createTopic(u, `${P}-produce`, 3));
      expectSteps(run, ['connect', 'send'], ctx);
      const stored = await recordsOverHttp(url, `${P}-produce`);
      expect(stored.map((r) => r.value).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `v${i}`).sort());
      const reported = run.steps.find((s) => s.step === 'send')?.partitions as Record<string, number>;
      for (const r of stored) expect(reported[r.key!]).toBe(r.partition);
    });

    // Oldest and newest at both versions; by timestamp from ListOffsets v1 (V0_10_1_0) only.
    feature('list offsets', async (ctx) => {
      const topic = `${P}-offsets`;
      const base = Date.now() - 60_000;
      const lookup = base + 5_500; // between records 5 and 6
      const { url, run } = await scenario(
        'list-offsets',
        async (u) => {
          await createTopic(u, topic, 1);
          const records = Array.from({ length: 10 }, (_, i) => ({ value: `o${i}`, timestamp: base + i * 1000 }));
          expect((await call(u, 'POST', `/v1/topics/${topic}/records`, { records })).status).toBe(200);
          await deleteRecordsOverHttp(u, topic, 0, 3);
        },
        [String(lookup)],
      );
      const byTimestamp = protocol.arg === 'newest' ? ['by-timestamp'] : [];
      expectSteps(run, ['connect', 'oldest', 'newest', ...byTimestamp], ctx);
      const [partition] = (await topicOverHttp(url, topic)).partitionDetails;
      expect(partition).toMatchObject({ logStartOffset: 3, highWatermark: 10 });
      expect(stepOf(run, 'oldest').offset).toBe(3);
      expect(stepOf(run, 'newest').offset).toBe(10);
      if (byTimestamp.length > 0) {
        const found = await call(url, 'GET', `/v1/topics/${topic}/partitions/0/offsets?timestamp=${lookup}`);
        expect(found.body.offset).toBe(6);
        expect(stepOf(run, 'by-timestamp').offset).toBe(6);
      }
    });

    feature('consumer group with commits', async (ctx) => {
      const { url, run } = await scenario('consumer-group', async (u) => {
        await createTopic(u, `${P}-group-topic`, 3);
        for (let i = 0; i < 4; i++) {
          await produceValues(
            u,
            `${P}-group-topic`,
            [0, 1, 2, 3, 4].map((j) => `g${i * 5 + j}`),
            `key${i}`,
          );
        }
      });
      expectSteps(run, ['consume', 'leave'], ctx);
      expect(run.steps.find((s) => s.step === 'consume')?.records).toBe(20);
      expect(await committedTotal(url, `${P}-group`)).toBe(20);
    });

    feature('admin: create topics', async (ctx) => {
      const { url, run } = await scenario('create-topics');
      expectSteps(run, ['create', 'validate-only', 'create-existing-refused', 'list', 'describe'], ctx);
      const created = await topicOverHttp(url, `${P}-created`);
      expect(created.partitions).toBe(3);
      expect(created.config.retentionMs).toBe(3_600_000);
      expect(await topicOverHttp(url, `${P}-validated`)).toBeUndefined();
    });

    feature('admin: describe and alter configs', async (ctx) => {
      const { url, run } = await scenario('configs', (u) =>
        createTopic(u, `${P}-configs`, 1, { retentionMs: 3_600_000 }),
      );
      expectSteps(run, ['describe', 'alter', 'describe-altered'], ctx);
      expect(run.steps.find((s) => s.step === 'describe')?.['retention.ms']).toBe('3600000');
      expect((await topicOverHttp(url, `${P}-configs`)).config.retentionMs).toBe(7_200_000);
    });

    feature('admin: create partitions', async (ctx) => {
      const { url, run } = await scenario('create-partitions', (u) => createTopic(u, `${P}-grow`, 1));
      expectSteps(run, ['create-partitions', 'describe'], ctx);
      expect((await topicOverHttp(url, `${P}-grow`)).partitions).toBe(3);
    });

    feature('admin: delete records', async (ctx) => {
      const { url, run } = await scenario('delete-records', async (u) => {
        await createTopic(u, `${P}-trim`, 1);
        await produceValues(u, `${P}-trim`, ['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
      });
      expectSteps(run, ['delete-records', 'earliest-offset'], ctx);
      expect((await recordsOverHttp(url, `${P}-trim`)).map((r) => r.value)).toEqual(['r4', 'r5']);
    });

    feature('admin: delete topics', async (ctx) => {
      const { url, run } = await scenario('delete-topics', async (u) => {
        await createTopic(u, `${P}-doomed`, 1);
        await produceValues(u, `${P}-doomed`, ['old-1', 'old-2']);
      });
      expectSteps(run, ['delete', 'delete-missing-refused', 'recreate'], ctx);
      expect((await topicOverHttp(url, `${P}-doomed`)).partitions).toBe(2);
      expect(await recordsOverHttp(url, `${P}-doomed`)).toEqual([]);
    });

    for (const [name, step] of [
      ['admin: list groups', 'list-groups'],
      ['admin: describe groups', 'describe-groups'],
      ['admin: fetch group offsets', 'group-offsets'],
    ] as const) {
      feature(name, async (ctx) => {
        const { run } = await scenario(step, async (u) => {
          await createTopic(u, `${P}-dg-topic`, 3);
          for (let p = 0; p < 3; p++) await produceToPartition(u, `${P}-dg-topic`, p, 2);
        });
        expectSteps(run, ['consume', step === 'group-offsets' ? 'list-group-offsets' : step], ctx);
      });
    }

    feature('admin: delete groups', async (ctx) => {
      const { url, run } = await scenario('delete-groups', async (u) => {
        await createTopic(u, `${P}-del-topic`, 1);
        await produceValues(u, `${P}-del-topic`, ['d0', 'd1', 'd2', 'd3']);
      });
      expectSteps(run, ['consume', 'leave', 'delete-group'], ctx);
      expect((await call(url, 'GET', `/v1/groups/${P}-del`)).status).toBe(404);
    });

    // The group committed 3 and 3 (over HTTP); sarama resets partition 0 to its oldest offset
    // (2, after the deleted records) and partition 1 to 1, and reads them back.
    feature('admin: reset group offsets', async (ctx) => {
      const group = `${P}-reset`;
      const topic = `${P}-reset-topic`;
      const { url, run } = await scenario('reset-offsets', async (u) => {
        await createTopic(u, topic, 2);
        for (const p of [0, 1]) await produceToPartition(u, topic, p, 3);
        await deleteRecordsOverHttp(u, topic, 0, 2);
        await commitOverHttp(u, group, { [`${topic}/0`]: 3, [`${topic}/1`]: 3 });
      });
      expectSteps(run, ['connect', 'fetch-committed', 'oldest', 'offset-manager', 'reset', 'fetch-reset'], ctx);
      expect(stepOf(run, 'fetch-committed').offsets).toEqual({ [`${topic}/0`]: 3, [`${topic}/1`]: 3 });
      const reset = { [`${topic}/0`]: 2, [`${topic}/1`]: 1 };
      expect(await committedOverHttp(url, group)).toEqual(reset);
      expect(stepOf(run, 'fetch-reset').offsets).toEqual(reset);
    });

    // DescribeCluster asks the controller (found through Metadata v1, broker 0) for Metadata v0,
    // which has no controller field: sarama 1.22.1 reports the controller as -1 there.
    feature('admin: describe cluster', async (ctx) => {
      const { run, broker } = await scenario('describe-cluster');
      expectSteps(run, ['connect', 'describe-cluster'], ctx);
      expect(stepOf(run, 'describe-cluster')).toMatchObject({
        brokers: { '0': `127.0.0.1:${broker.kafkaPort}` },
        controller: -1,
      });
    });

    for (const [name, reason] of Object.entries(BEYOND_SARAMA)) feature(name, beyondClient(version, '1.22.1', reason));

    feature('idempotent producer', async (ctx) => {
      const { url, run, broker } = await scenario('idempotent', (u) => createTopic(u, `${P}-idempotent`, 1));
      expectSteps(run, ['connect', 'send'], ctx);
      const stored = await recordsOverHttp(url, `${P}-idempotent`);
      expect(stored.map((r) => r.value)).toEqual(Array.from({ length: 50 }, (_, i) => `v${i}`));
      const first = await broker.logs.getLog(`${P}-idempotent`, 0).readRaw(0);
      expect(first.chunks[0]!.readBigInt64BE(43)).toBeGreaterThanOrEqual(0n);
    });
  });
}
