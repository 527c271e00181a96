/** kcat (librdkafka 2.0) against the broker: metadata, keyed produce, consume, across to HTTP. */
import { afterEach, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { call } from '../support/json-call.js';
import { kcat, kcatBinary } from '../support/kcat.js';

const brokers = new Brokers();
afterEach(() => brokers.cleanup());

describe.skipIf(kcatBinary === undefined)('kcat', () => {
  it('lists topics and partitions (-L)', async () => {
    const broker = await brokers.start();
    await call(broker.url, 'POST', '/v1/topics', { name: 'orders', partitions: 3 });
    const listed = await kcat(['-b', broker.kafkaBootstrap!, '-L']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`broker 0 at ${broker.kafkaBootstrap}`);
    expect(listed.stdout).toContain('topic "orders" with 3 partitions');
    expect(listed.stdout).toContain('partition 2, leader 0, replicas: 0, isrs: 0');
  });

  it('produces keyed lines (-P -K:) and reads them back (-C -o beginning -e), also over HTTP', async () => {
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
      expect(stored.bytes.readInt16BE(21) & 0x07).toBe(codecIds[codec]);
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
