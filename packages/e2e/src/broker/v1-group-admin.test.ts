/** /v1 group administration Kafka's admin APIs share: list by state, offset delete. */
import { afterEach, describe, expect, it } from 'vitest';
import { Brokers, e2eBackend } from '../support/brokers.js';
import { call } from '../support/json-call.js';

const brokers = new Brokers();
afterEach(() => brokers.cleanup());

describe('/v1 group administration', () => {
  it('lists groups by state and refuses state names that are not states', async () => {
    const { url } = await brokers.start();
    await call(url, 'POST', '/v1/topics', { name: 't', partitions: 2 });
    await call(url, 'POST', '/v1/groups/live/members', { topics: ['t'] });
    await call(url, 'POST', '/v1/groups/idle/offsets/reset', { topic: 't', to: 'earliest' });
    const ids = async (query: string) =>
      (await call(url, 'GET', `/v1/groups${query}`)).body.groups.map((g: { groupId: string }) => g.groupId);
    expect(await ids('')).toEqual(['idle', 'live']);
    expect(await ids('?state=stable')).toEqual(['live']);
    expect(await ids('?state=Empty,PreparingRebalance')).toEqual(['idle']);
    const bad = await call(url, 'GET', '/v1/groups?state=Dead');
    expect(bad.status).toBe(400);
    expect(bad.body.error.name).toBe('INVALID_REQUEST');
  });

  // Kafka resets a group's offsets only while it has no members; the local broker at any time.
  it.skipIf(e2eBackend === 'kafka')(
    'deletes the committed offsets of a topic nobody in the group subscribes to, and refuses the rest',
    async () => {
      const { url } = await brokers.start();
      await call(url, 'POST', '/v1/topics', { name: 't', partitions: 2 });
      await call(url, 'POST', '/v1/topics', { name: 'old', partitions: 2 });
      const member = (await call(url, 'POST', '/v1/groups/g/members', { topics: ['t'], memberId: 'm' })).body;
      await call(url, 'POST', '/v1/groups/g/offsets/reset', { topic: 'old', to: 'earliest' });
      await call(url, 'POST', '/v1/groups/g/offsets/reset', { topic: 't', to: 'earliest' });

      const subscribed = await call(url, 'DELETE', '/v1/groups/g/offsets?topic=t');
      expect(subscribed.status).toBe(409);
      expect(subscribed.body.error).toMatchObject({ name: 'GROUP_SUBSCRIBED_TO_TOPIC', code: 86 });

      const one = await call(url, 'DELETE', '/v1/groups/g/offsets?topic=old&partition=1');
      expect(one.status).toBe(200);
      expect(one.body.offsets.map((o: { topic: string; partition: number }) => `${o.topic}-${o.partition}`)).toEqual([
        'old-0',
        't-0',
        't-1',
      ]);
      await call(url, 'DELETE', `/v1/groups/g/members/${member.memberId}`);
      const all = await call(url, 'DELETE', '/v1/groups/g/offsets?topic=t');
      expect(all.body.offsets).toHaveLength(1);

      expect((await call(url, 'DELETE', '/v1/groups/g/offsets?topic=old&partition=7')).status).toBe(404);
      expect((await call(url, 'DELETE', '/v1/groups/g/offsets?topic=nope')).status).toBe(404);
      expect((await call(url, 'DELETE', '/v1/groups/g/offsets')).status).toBe(400);
      const missing = await call(url, 'DELETE', '/v1/groups/never/offsets?topic=t');
      expect(missing.status).toBe(404);
      expect(missing.body.error.name).toBe('GROUP_ID_NOT_FOUND');
    },
  );
});
