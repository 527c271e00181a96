/**
 * The commit rule and seek checks over HTTP: a /v1 commit or a tutorial ack past the log
 * end answers 416 and writes nothing, the log end itself commits; a seek must stay within
 * the log and on the member's own partitions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { call } from '../support/json-call.js';

const brokers = new Brokers();
afterEach(() => brokers.cleanup());

async function setup() {
  const broker = await brokers.start();
  await call(broker.url, 'POST', '/v1/topics', { name: 't', partitions: 2 });
  await call(broker.url, 'POST', '/v1/topics/t/records', {
    records: [0, 1, 2, 3, 4].map((i) => ({ value: `v${i}`, partition: 0 })),
  });
  return broker.url; // t-0 holds offsets 0 to 4 (log end 5); t-1 is empty
}

describe('the commit rule over HTTP', () => {
  it('answers 416 for a /v1 commit past the log end, writing nothing of it; the log end itself commits', async () => {
    const url = await setup();
    const past = await call(url, 'POST', '/v1/groups/g/offsets', {
      offsets: [
        { topic: 't', partition: 1, offset: 0 },
        { topic: 't', partition: 0, offset: 6 },
      ],
    });
    expect(past.status).toBe(416);
    expect(past.body.error).toMatchObject({ code: 1, name: 'OFFSET_OUT_OF_RANGE' });
    expect(past.body.error.message).toContain('t-0');
    expect((await call(url, 'GET', '/v1/groups/g/offsets')).body.offsets).toEqual([]);

    const atEnd = await call(url, 'POST', '/v1/groups/g/offsets', {
      offsets: [{ topic: 't', partition: 0, offset: 5 }],
    });
    expect(atEnd.status).toBe(200);
    expect(atEnd.body.offsets).toEqual([expect.objectContaining({ partition: 0, offset: 5 })]);
  });

  it('answers 416 for a tutorial ack of a message not written yet; an ack of the last one commits', async () => {
    const url = await setup();
    const early = await call(url, 'POST', '/topics/t/messages/5/ack?consumer_id=c&partition_id=0');
    expect(early.status).toBe(416);
    expect(typeof early.body.detail).toBe('string');
    // A refused ack changes nothing: no group was made for the solo consumer.
    expect((await call(url, 'GET', '/v1/groups')).body.groups).toEqual([]);
    const last = await call(url, 'POST', '/topics/t/messages/4/ack?consumer_id=c&partition_id=0');
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({ acknowledged: true, next_offset: 5 });
  });

  it('checks seeks: 416 outside the log, 404 on a partition of another member, 204 within', async () => {
    const url = await setup();
    const a = (await call(url, 'POST', '/v1/groups/s/members', { topics: ['t'], memberId: 'a' })).body;
    await call(url, 'POST', '/v1/groups/s/members', { topics: ['t'], memberId: 'b' }); // a: t-0, b: t-1
    const seek = (partition: number, offset: number) =>
      call(url, 'POST', `/v1/groups/s/members/${a.memberId}/seek`, { topic: 't', partition, offset });
    expect((await seek(0, 5)).status).toBe(204);
    const outside = await seek(0, 6);
    expect(outside.status).toBe(416);
    expect(outside.body.error.name).toBe('OFFSET_OUT_OF_RANGE');
    expect((await seek(1, 0)).status).toBe(404);
  });
});
