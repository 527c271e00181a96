/** kcat -G: librdkafka's balanced consumer (range/roundrobin, client-side) on the broker's coordinator. */
import { afterEach, describe, expect } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { clientFeatures } from '../support/client-features.js';
import { eventually } from '../support/eventually.js';
import { call } from '../support/json-call.js';
import { kcatBinary, kcatClientName, kcatProcess, kcatSkipReason } from '../support/kcat.js';

const brokers = new Brokers();
const feature = clientFeatures(kcatClientName, { missing: kcatSkipReason });
const running: { child: { kill(signal?: NodeJS.Signals): boolean } }[] = [];
afterEach(async () => {
  for (const process of running.splice(0)) process.child.kill('SIGKILL');
  await brokers.cleanup();
});

describe.skipIf(kcatBinary === undefined)('kcat -G', () => {
  // Two balanced consumers share a topic and commit their offsets.
  feature('consumer group with commits', async () => {
    const broker = await brokers.start({ groupInitialRebalanceDelayMs: 300 });
    await call(broker.url, 'POST', '/v1/topics', { name: 'jobs', partitions: 4 });
    const args = [
      '-b',
      broker.kafkaBootstrap!,
      '-u',
      '-G',
      'workers',
      '-o',
      'beginning',
      '-f',
      '%p:%o:%s\\n',
      '-X',
      'auto.commit.interval.ms=100',
      'jobs',
    ];
    const first = kcatProcess(args);
    const second = kcatProcess(args);
    running.push(first, second);
    const assigned = (output: { stderr: string }) => /assigned: .*jobs/.test(output.stderr);
    await eventually(
      () => assigned(first.output) && assigned(second.output),
      30_000,
      'both kcat members to be assigned',
    );

    const records = Array.from({ length: 40 }, (_, i) => ({ value: `job-${i}`, partition: i % 4 }));
    await call(broker.url, 'POST', '/v1/topics/jobs/records', { records });
    const lines = () => [...first.output.stdout.split('\n'), ...second.output.stdout.split('\n')].filter(Boolean);
    await eventually(
      () => new Set(lines().map((line) => line.split(':')[2])).size === 40,
      30_000,
      'all 40 jobs consumed',
    );
    expect(first.output.stdout.length).toBeGreaterThan(0);
    expect(second.output.stdout.length).toBeGreaterThan(0);

    const deadline = Date.now() + 10_000;
    let lag = Infinity;
    while (Date.now() < deadline && lag !== 0) {
      const described = await call(broker.url, 'GET', '/v1/groups/workers');
      lag = described.body.offsets?.reduce((sum: number, o: { lag: number }) => sum + o.lag, 0) ?? Infinity;
      if (lag !== 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(lag).toBe(0);
    const described = await call(broker.url, 'GET', '/v1/groups/workers');
    expect(described.body.members).toHaveLength(2);
    expect(described.body.members.flatMap((m: { assignment: unknown[] }) => m.assignment)).toHaveLength(4);
  });
});
