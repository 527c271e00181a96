/** The idempotent HTTP producer's routes and produce requests, against a real broker over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../../broker.js';
import { send } from '../testing/serve-app.js';

let broker: Broker;
beforeAll(async () => {
  broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent', defaultPartitions: 3 });
});
afterAll(() => broker.close());

const url = (path: string): string => `${broker.url}${path}`;

async function produce(topic: string, body: unknown) {
  return send(url(`/v1/topics/${topic}/records`), 'POST', body);
}

describe('/v1/producers', () => {
  it('hands out a new producer id with epoch 0 each time', async () => {
    const first = await send(url('/v1/producers'), 'POST');
    const second = await send(url('/v1/producers'), 'POST');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ producerEpoch: 0 });
    expect(second.body.producerId).not.toBe(first.body.producerId);
  });

  it('answers a topic partition count, creating the topic as produce would', async () => {
    const answer = await send(url('/v1/producers/topic-metadata'), 'POST', { topic: 'fresh' });
    expect(answer.body).toEqual({ topic: 'fresh', partitions: 3 });
    const bad = await send(url('/v1/producers/topic-metadata'), 'POST', { topic: '../x' });
    expect(bad.status).toBe(400);
  });
});

describe('idempotent produce over HTTP', () => {
  it('stores a resent request once and answers it with the same offsets', async () => {
    const { body: producer } = await send(url('/v1/producers'), 'POST');
    const request = {
      records: [
        { value: 'a', partition: 0 },
        { value: 'b', partition: 1 },
        { value: 'c', partition: 0 },
      ],
      producer: {
        ...producer,
        baseSequences: [
          { partition: 0, baseSequence: 0 },
          { partition: 1, baseSequence: 0 },
        ],
      },
    };
    const first = await produce('ledger', request);
    const again = await produce('ledger', request);
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const read = await send(url('/v1/topics/ledger/partitions/0/records?offset=0'));
    expect(read.body.records.map((record: { value: string }) => record.value)).toEqual(['a', 'c']);
  });

  it('answers a sequence gap 409 OUT_OF_ORDER_SEQUENCE_NUMBER and a stale epoch 409 INVALID_PRODUCER_EPOCH', async () => {
    const { body: producer } = await send(url('/v1/producers'), 'POST');
    const at = (baseSequence: number, producerEpoch = 1) => ({
      records: [{ value: `v${baseSequence}`, partition: 2 }],
      producer: { producerId: producer.producerId, producerEpoch, baseSequences: [{ partition: 2, baseSequence }] },
    });
    expect((await produce('gaps', at(0))).status).toBe(200);
    const gap = await produce('gaps', at(5));
    expect([gap.status, gap.body.error.name]).toEqual([409, 'OUT_OF_ORDER_SEQUENCE_NUMBER']);
    const stale = await produce('gaps', at(1, 0));
    expect([stale.status, stale.body.error.name]).toEqual([409, 'INVALID_PRODUCER_EPOCH']);
  });

  it('refuses a request whose records and base sequences do not match, writing nothing', async () => {
    const producer = { producerId: 1, producerEpoch: 0 };
    const cases = [
      { records: [{ value: 'x' }], producer: { ...producer, baseSequences: [{ partition: 0, baseSequence: 0 }] } },
      {
        records: [{ value: 'x', partition: 0 }],
        producer: { ...producer, baseSequences: [{ partition: 1, baseSequence: 0 }] },
      },
      {
        records: [{ value: 'x', partition: 0 }],
        producer: {
          ...producer,
          baseSequences: [
            { partition: 0, baseSequence: 0 },
            { partition: 0, baseSequence: 1 },
          ],
        },
      },
      { records: [{ value: 'x', partition: 0 }], producer: { ...producer, baseSequences: [] } },
      {
        records: [{ value: 'x', partition: 9 }],
        producer: { ...producer, baseSequences: [{ partition: 9, baseSequence: 0 }] },
      },
    ];
    for (const body of cases) {
      const answer = await produce('strict', body);
      expect(answer.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(answer.status, JSON.stringify(body)).toBeLessThan(500);
    }
    const topic = await send(url('/v1/topics/strict'));
    expect(topic.body.partitionDetails.map((p: { logEndOffset: number }) => p.logEndOffset)).toEqual([0, 0, 0]);
  });
});
