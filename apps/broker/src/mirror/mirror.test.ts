import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Broker } from '../broker.js';
import { ClusterClient } from '../cluster/cluster-client.js';
import { offsetCommit } from '../cluster/group-client.js';
import { produceRecords } from '../cluster/partition-io.js';
import { ClusterSource } from './cluster-source.js';
import { DirSource } from './dir-source.js';
import { runMirror } from './mirror.js';
import type { MirrorSource } from './mirror-source.js';
import { MirrorState } from './mirror-state.js';
import {
  appendRecords,
  committedOffset,
  recordsOf,
  SOURCE_COMMITS,
  startBroker,
  writeSourceData,
} from './testing/mirror-fixture.js';

const PARTITIONS = [
  ['orders', 0],
  ['orders', 1],
  ['orders', 2],
  ['events', 0],
  ['events', 1],
  ['plain', 0],
  ['txns', 0],
] as const;
// events-1 lost offsets 0..9: source 15 is its 6th record. txns-0 keeps 0, 1, 6, 7, 9: 3 -> 2 (offset 6's), 9 -> 4.
const TRANSLATED = [7, 12, 3, 5, 2, 4];

type Records = Awaited<ReturnType<typeof recordsOf>>;
const withoutOffsets = (records: Records) => records.map(({ offset: _, ...rest }) => rest);

describe('runMirror', () => {
  let dataDir: string;
  let work: string;
  const expected = new Map<string, Records>();
  let dest: Broker;
  let client: ClusterClient;

  beforeAll(async () => {
    const source = await writeSourceData();
    dataDir = source.dataDir;
    for (const [topic, partition] of PARTITIONS) {
      expected.set(`${topic}-${partition}`, await recordsOf(source.broker, topic, partition));
    }
    await source.broker.close();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'mirror-work-'));
    dest = await startBroker();
    client = await ClusterClient.connect({ bootstrapServers: [dest.kafkaBootstrap!] });
  });
  afterEach(async () => {
    await client.close();
    await dest.close();
    await rm(work, { recursive: true, force: true });
  });

  async function expectExactCopy(): Promise<void> {
    for (const [topic, partition] of PARTITIONS) {
      const copied = await recordsOf(dest, topic, partition);
      expect(withoutOffsets(copied)).toEqual(withoutOffsets(expected.get(`${topic}-${partition}`)!));
    }
    const offsets = await Promise.all(SOURCE_COMMITS.map((c) => committedOffset(dest, c.group, c.topic, c.partition)));
    expect(offsets).toEqual(TRANSLATED);
  }

  async function mirror(source: MirrorSource, statePath: string, extra: Partial<Parameters<typeof runMirror>[0]> = {}) {
    try {
      return await runMirror({
        source,
        dest: client,
        state: await MirrorState.load(statePath),
        limits: { maxRecords: 3, maxBytes: 1024 * 1024 },
        ...extra,
      });
    } finally {
      await source.close();
    }
  }

  it('copies topics with their partitions and configs, every record, and the translated group offsets', async () => {
    const progress: string[] = [];
    const summary = await mirror(await DirSource.open(dataDir), join(work, 'state.json'), {
      progress: (line) => progress.push(line),
    });
    expect(summary).toMatchObject({ topics: 4, topicsCreated: 4, recordsCopied: 20 + 27 + 34 + 30 + 20 + 5 + 5 });
    await expectExactCopy();
    expect(dest.logs.getTopic('orders')?.partitions).toBe(3);
    const retention = dest.logs.describeTopicConfigs('events').find((entry) => entry.name === 'retention.ms');
    expect(retention).toMatchObject({ value: '3600000', source: 'TOPIC_CONFIG' });
    expect(progress.at(-1)).toMatch(
      /^mirror: 141 records copied, \d+ records\/s, lag events=0 orders=0 plain=0 txns=0$/,
    );

    // Run again: nothing is copied twice.
    const again = await mirror(await DirSource.open(dataDir), join(work, 'state.json'));
    expect(again.recordsCopied).toBe(0);
    await expectExactCopy();
  });

  it('resumes after a crash, even one that lost its last state writes, with no duplicates', async () => {
    const statePath = join(work, 'state.json');
    const dir = await DirSource.open(dataDir);
    let reads = 0;
    const crashing: MirrorSource = {
      topics: () => dir.topics(),
      bounds: (t, p) => dir.bounds(t, p),
      groupOffsets: () => dir.groupOffsets(),
      close: () => dir.close(),
      read: async (...args) => {
        reads += 1;
        if (reads === 13) await copyFile(statePath, join(work, 'old-state.json'));
        if (reads === 14) throw new Error('injected crash');
        return dir.read(...args);
      },
    };
    await expect(mirror(crashing, statePath)).rejects.toThrow('injected crash');
    await copyFile(join(work, 'old-state.json'), statePath);
    // Topics go in name order: events-0 is done, events-1 has 2 batches the restored state knows 1 of.
    expect((await recordsOf(dest, 'events', 0)).length).toBe(30);
    expect((await recordsOf(dest, 'events', 1)).length).toBe(6);

    await mirror(await DirSource.open(dataDir), statePath);
    await expectExactCopy();
  });

  it('refuses a destination partition with records and no state, unless forced', async () => {
    await dest.logs.createTopic('plain', { partitions: 1 });
    await appendRecords(dest, 'plain', 0, 2, false);
    await expect(
      mirror(await DirSource.open(dataDir), join(work, 'state.json'), { topics: /^plain$/ }),
    ).rejects.toThrow(/plain-0 already holds records/);
    const forced = await mirror(await DirSource.open(dataDir), join(work, 'state.json'), {
      topics: /^plain$/,
      force: true,
    });
    expect(forced.recordsCopied).toBe(5);
    expect((await recordsOf(dest, 'plain', 0)).length).toBe(7);
  });

  it('says the data directory is in use while its broker runs', async () => {
    const running = await startBroker(dataDir);
    try {
      await expect(DirSource.open(dataDir)).rejects.toThrow(/in use.*stop the broker/);
    } finally {
      await running.close();
    }
  });

  it('follows a running broker until stopped, its groups’ offsets too', async () => {
    const live = await startBroker();
    try {
      await live.logs.createTopic('feed', { partitions: 2 });
      const producer = await ClusterClient.connect({ bootstrapServers: [live.kafkaBootstrap!] });
      await produceRecords(producer, 'feed', 0, [{ value: Buffer.from('first') }]);
      const stop = new AbortController();
      const source = await ClusterSource.connect({ bootstrapServers: [live.kafkaBootstrap!] });
      const running = mirror(source, join(work, 'state.json'), { follow: true, pollMs: 50, signal: stop.signal });
      await waitFor(async () => (await recordsOf(dest, 'feed', 0)).length === 1);
      await produceRecords(producer, 'feed', 1, [{ key: Buffer.from('k'), value: Buffer.from('later') }]);
      await produceRecords(producer, 'feed', 0, [{ value: Buffer.from('second') }]);
      await waitFor(async () => (await recordsOf(dest, 'feed', 0)).length === 2);
      await waitFor(async () => (await recordsOf(dest, 'feed', 1)).length === 1);
      await offsetCommit(producer, {
        groupId: 'reader',
        generationId: -1,
        memberId: '',
        groupInstanceId: null,
        retentionTimeMs: -1,
        topics: [
          {
            name: 'feed',
            partitions: [
              {
                partitionIndex: 0,
                committedOffset: 1,
                committedLeaderEpoch: -1,
                commitTimestamp: -1,
                committedMetadata: null,
              },
            ],
          },
        ],
      });
      await waitFor(async () => (await committedOffset(dest, 'reader', 'feed', 0)) === 1);
      stop.abort();
      await running;
      await producer.close();
      expect(withoutOffsets(await recordsOf(dest, 'feed', 0))).toEqual(
        withoutOffsets(await recordsOf(live, 'feed', 0)),
      );
      expect(withoutOffsets(await recordsOf(dest, 'feed', 1))).toEqual(
        withoutOffsets(await recordsOf(live, 'feed', 1)),
      );
    } finally {
      await live.close();
    }
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
