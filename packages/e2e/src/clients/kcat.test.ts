/** kcat (librdkafka 2.0) against the broker: metadata, keyed produce, consume, across to HTTP. */
import { afterEach, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { clientFeatures } from '../support/client-features.js';
import { call } from '../support/json-call.js';
import { kcat, kcatBinary, kcatClientName, kcatSkipReason } from '../support/kcat.js';

const brokers = new Brokers();
const feature = clientFeatures(kcatClientName, { missing: kcatSkipReason });
afterEach(() => brokers.cleanup());

describe.skipIf(kcatBinary === undefined)('kcat', () => {
  // Lists topics and partitions (-L).
  feature('metadata', async () => {
    const broker = await brokers.start();
    await call(broker.url, 'POST', '/v1/topics', { name: 'orders', partitions: 3 });
    const listed = await kcat(['-b', broker.kafkaBootstrap!, '-L']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`broker 0 at ${broker.kafkaBootstrap}`);
    expect(listed.stdout).toContain('topic "orders" with 3 partitions');
    expect(listed.stdout).toContain('partition 2, leader 0, replicas: 0, isrs: 0');
  });

  // Produces keyed lines (-P -K:) and reads them back (-C -o beginning -e), also over HTTP.
  feature('produce keyed', async () => {
    const broker = await brokers.start();
    const bootstrap = broker.kafkaBootstrap!;
    const produced = await kcat(
      ['-b', bootstrap, '-P', '-t', 'lines', '-K:', '-H', 'source=kcat'],
      'k1:first\nk2:second\nk1:third\n',
    );
    expect(produced.code).toBe(0);
    const consumed = await kcat(['-b', bootstrap, '-C', '-t', 'lines', '-o', 'beginning', '-e', '-f', '%k=%s@%o\\n']);
    expect(consumed.code).toBe(0);
    expect(consumed.stdout.trim().split('\n')).toEqual(['k1=first@0', 'k2=second@1', 'k1=third@2']);

    const overHttp = await call(broker.url, 'GET', '/v1/topics/lines/partitions/0/records?offset=0');
    expect(overHttp.body.records.map((r: { key: string; value: string }) => `${r.key}=${r.value}`)).toEqual([
      'k1=first',
      'k2=second',
      'k1=third',
    ]);
    expect(overHttp.body.records[0].headers).toEqual([{ key: 'source', value: 'kcat' }]);
    expect(Math.abs(overHttp.body.records[0].timestamp - Date.now())).toBeLessThan(60_000);
  });

  // Offsets by time (-Q): the first record at or after a timestamp, and the log end (-1) and start (-2).
  feature('list offsets', async () => {
    const broker = await brokers.start();
    const records = [1_000, 2_000, 3_000].map((timestamp, i) => ({ value: `r${i}`, partition: 0, timestamp }));
    expect((await call(broker.url, 'POST', '/v1/topics/timed/records', { records })).status).toBe(200);
    const query = async (time: number) => {
      const answer = await kcat(['-b', broker.kafkaBootstrap!, '-Q', '-t', `timed:0:${time}`]);
      expect(answer.code, answer.stderr).toBe(0);
      return answer.stdout.trim();
    };
    expect(await query(2_000)).toBe('timed [0] offset 1');
    expect(await query(2_500)).toBe('timed [0] offset 2');
    expect(await query(9_000)).toBe('timed [0] offset -1');
    expect(await query(-1)).toBe('timed [0] offset 3');
    expect(await query(-2)).toBe('timed [0] offset 0');
  });

  // enable.idempotence=true: InitProducerId, then batches carrying the producer id and sequences.
  feature('idempotent producer', async () => {
    const broker = await brokers.start();
    await broker.logs.createTopic('idem', { partitions: 1 });
    const lines = Array.from({ length: 50 }, (_, i) => `v${i}`);
    const produced = await kcat(
      [
        '-b',
        broker.kafkaBootstrap!,
        '-P',
        '-t',
        'idem',
        '-X',
        'enable.idempotence=true',
        '-X',
        'batch.num.messages=10',
      ],
      `${lines.join('\n')}\n`,
    );
    expect(produced.code, produced.stderr).toBe(0);
    const { records } = await broker.logs.getLog('idem', 0).read(0, { maxBytes: 1 << 20 });
    expect(records.map((record) => record.value?.toString())).toEqual(lines);
    const first = await broker.logs.getLog('idem', 0).readRaw(0);
    expect(first.chunks[0]!.readBigInt64BE(43)).toBeGreaterThanOrEqual(0n); // the producer id, not -1
  });

  it('reads records produced over HTTP', async () => {
    const broker = await brokers.start();
    await call(broker.url, 'POST', '/v1/topics/web/records', {
      records: [{ key: 'a', value: 'from http', headers: { h: 'v' } }, { value: 'no key' }],
    });
    const consumed = await kcat([
      '-b',
      broker.kafkaBootstrap!,
      '-C',
      '-t',
      'web',
      '-o',
      'beginning',
      '-e',
      '-f',
      '%k|%s|%h\\n',
    ]);
    expect(consumed.stdout.trim().split('\n')).toEqual(['a|from http|h=v', '|no key|']);
  });

  it.each(['gzip', 'snappy', 'lz4', 'zstd'])(
    'stores %s batches as they are and decodes them over HTTP',
    async (codec) => {
      const broker = await brokers.start();
      const bootstrap = broker.kafkaBootstrap!;
      const lines = Array.from({ length: 50 }, (_, i) => `k${i}:${codec} record ${i} ${'x'.repeat(40)}`).join('\n');
      const produced = await kcat(
        ['-b', bootstrap, '-P', '-t', codec, '-K:', '-z', codec, '-X', 'linger.ms=50'],
        `${lines}\n`,
      );
      expect(produced.code, produced.stderr).toBe(0);
      const stored = await broker.logs.getLog(codec, 0).readRaw(0);
      const codecIds: Record<string, number> = { gzip: 1, snappy: 2, lz4: 3, zstd: 4 };
      expect(stored.chunks[0]!.readInt16BE(21) & 0x07).toBe(codecIds[codec]);
      const overHttp = await call(
        broker.url,
        'GET',
        `/v1/topics/${codec}/partitions/0/records?offset=0&maxRecords=100`,
      );
      expect(overHttp.status).toBe(200);
      expect(overHttp.body.records).toHaveLength(50);
      expect(overHttp.body.records[49]).toMatchObject({
        offset: 49,
        key: 'k49',
        value: `${codec} record 49 ${'x'.repeat(40)}`,
      });
      const consumed = await kcat(['-b', bootstrap, '-C', '-t', codec, '-o', 'beginning', '-e', '-f', '%k\n']);
      expect(consumed.stdout.trim().split('\n')).toHaveLength(50);
    },
  );
});
