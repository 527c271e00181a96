/**
 * Transactions with librdkafka through Debian's python3-confluent-kafka
 * (`clients/python/confluent_transactions.py`): commit and abort across partitions, read back
 * by librdkafka with read_committed and read_uncommitted and over HTTP (read_committed by
 * default); consume-transform-produce with send_offsets_to_transaction, the group's offsets
 * visible only once committed; and zombie fencing between two producers of one transactional.id.
 */
import { afterEach, describe, expect } from 'vitest';
import { committedOverHttp, createTopic, produceToPartition, recordsOverHttp } from '../support/broker-evidence.js';
import { Brokers } from '../support/brokers.js';
import { clientFeatures } from '../support/client-features.js';
import { confluentClientName, confluentSkipReason, runConfluent } from '../support/python-programs.js';
import { expectSteps, stepOf } from '../support/scenario-program.js';

const brokers = new Brokers();
afterEach(() => brokers.cleanup());

const feature = clientFeatures(confluentClientName, { missing: confluentSkipReason });
const P = 'ckt';

async function start() {
  const broker = await brokers.start();
  return { url: broker.url, bootstrap: broker.kafkaBootstrap! };
}

const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

describe.skipIf(confluentSkipReason !== undefined)(`${confluentClientName} transactions`, () => {
  feature('transactions: commit and abort', async (ctx) => {
    const { url, bootstrap } = await start();
    await createTopic(url, `${P}-tx`, 3);
    const run = await runConfluent(bootstrap, P, 'transactions');
    expectSteps(run, ['init', 'commit', 'abort', 'commit-again', 'read-committed', 'read-uncommitted'], ctx);
    const committed = [...range('c', 0, 12)].sort();
    expect(stepOf(run, 'committed-values').values).toEqual(committed);
    expect(stepOf(run, 'uncommitted-values').values).toEqual([...committed, ...range('a', 0, 6)].sort());
    // The HTTP API reads committed data by default: no aborted record, no marker.
    const overHttp = await recordsOverHttp(url, `${P}-tx`);
    expect(overHttp.map((r) => r.value).sort()).toEqual(committed);
  });

  feature('transactions: send offsets (consume-transform-produce)', async (ctx) => {
    const { url, bootstrap } = await start();
    await createTopic(url, `${P}-in`, 2);
    await createTopic(url, `${P}-out`, 2);
    await produceToPartition(url, `${P}-in`, 0, 30);
    await produceToPartition(url, `${P}-in`, 1, 20);
    const run = await runConfluent(bootstrap, P, 'send-offsets');
    expectSteps(run, ['process', 'abort-rewind', 'committed'], ctx);
    expect(stepOf(run, 'processed').count).toBe(50);
    // The aborted rewind to 0 left the offsets committed in the transactions.
    expect(stepOf(run, 'committed-offsets').offsets).toEqual([30, 20]);
    expect(await committedOverHttp(url, `${P}-ctp`)).toEqual({ [`${P}-in/0`]: 30, [`${P}-in/1`]: 20 });
    const out = (await recordsOverHttp(url, `${P}-out`)).map((r) => r.value).sort();
    const expected = [...range('P0-', 0, 30), ...range('P1-', 0, 20)].sort();
    expect(out).toEqual(expected);
  });

  feature('transactions: zombie fencing', async (ctx) => {
    const { url, bootstrap } = await start();
    await createTopic(url, `${P}-z`, 1);
    const run = await runConfluent(bootstrap, P, 'zombie-fencing');
    expectSteps(run, ['zombie-starts', 'newer-commits', 'zombie-fenced', 'read-committed'], ctx);
    expect(String(stepOf(run, 'zombie-error').name)).toMatch(/FENCED|INVALID_PRODUCER_EPOCH/);
    expect(stepOf(run, 'committed-values').values).toEqual(['new-1', 'new-2']);
    expect((await recordsOverHttp(url, `${P}-z`)).map((r) => r.value)).toEqual(['new-1', 'new-2']);
  });
});
