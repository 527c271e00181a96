// The HTTP read routes within the fetch memory budget: large reads in parallel wait for budget
// (while /health and the rest of the API answer), then complete with fewer records, holding
// no more than the budget together; every read gives its share back once answered. Time is a
// ManualScheduler's: no read is admitted by the wait bound here.
import { decodeFetchFrame, type FetchFrame, ManualScheduler, RECORD_BATCH_MEDIA_TYPE } from '@mini-kafka/protocol';
import { decodeRecordBatches } from '@mini-kafka/storage';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Broker, createBroker } from '../../broker.js';
import { FetchMemory } from '../../services/fetch-memory.js';
import { type Answer, send } from '../testing/serve-app.js';

const KIB = 1024;
const LIMIT = 256 * KIB;
const RECORDS = 400;

let broker: Broker;
let budget: FetchMemory;

beforeEach(async () => {
  budget = new FetchMemory({ limitBytes: LIMIT, maxWaitMs: 1000, scheduler: new ManualScheduler() });
  broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent', fetchMemory: budget });
  await send(url('/v1/topics'), 'POST', { name: 'big', partitions: 1 });
  // 20 batches of 20 records of ~1 KB.
  for (let b = 0; b < RECORDS / 20; b++) {
    const records = Array.from({ length: 20 }, (_, i) => ({ value: `${b * 20 + i}`.padEnd(1000, '.') }));
    expect((await send(url('/v1/topics/big/records'), 'POST', { records })).status).toBe(200);
  }
});
afterEach(() => broker.close());

const url = (path: string): string => `${broker.url}${path}`;
const until = (check: () => void) => vi.waitFor(check, { timeout: 10_000 });

/** Counts the answers that have arrived. */
function tally(requests: Promise<Answer>[]): () => number {
  let arrived = 0;
  for (const request of requests) void request.then(() => arrived++);
  return () => arrived;
}

describe('HTTP reads within the fetch memory budget', () => {
  it('parallel large reads wait while /health answers, then complete with fewer records within the budget', async () => {
    const blocker = await budget.acquire(LIMIT);
    const reads = Array.from({ length: 8 }, () =>
      send(url('/v1/topics/big/partitions/0/records?offset=0&maxRecords=100000&maxBytes=67108864')),
    );
    const arrived = tally(reads);
    await until(() => expect(budget.waiting).toBe(8));
    expect((await send(url('/health'))).status).toBe(200);
    expect((await send(url('/v1/topics/big'))).status).toBe(200);
    expect(arrived()).toBe(0);
    expect(budget.waiting).toBe(8);
    blocker.release();
    for (const answer of await Promise.all(reads)) {
      expect(answer.status).toBe(200);
      const offsets = answer.body.records.map((record: { offset: number }) => record.offset);
      expect(offsets.length).toBeGreaterThan(0);
      expect(offsets.length).toBeLessThan(RECORDS);
      expect(offsets).toEqual(Array.from({ length: offsets.length }, (_, i) => i));
      expect(answer.body.nextOffset).toBe(offsets.length);
    }
    expect(budget.peakBytes).toBeLessThanOrEqual(LIMIT);
    await until(() => expect(budget.heldBytes).toBe(0));
  });

  it('a read that asks little gets all it asks for and gives its share back once answered', async () => {
    const answer = await send(url('/v1/topics/big/partitions/0/records?offset=10&maxRecords=5'));
    expect(answer.body.records.map((record: { offset: number }) => record.offset)).toEqual([10, 11, 12, 13, 14]);
    await until(() => expect(budget.heldBytes).toBe(0));
    expect(budget.peakBytes).toBeGreaterThan(0);
  });

  it('a group member fetch and the tutorial poll wait for budget too, and give it back', async () => {
    const joined = await send(url('/v1/groups/g/members'), 'POST', { topics: ['big'], autoOffsetReset: 'earliest' });
    const member = joined.body.memberId;
    const blocker = await budget.acquire(LIMIT);
    const memberRead = send(url(`/v1/groups/g/members/${member}/records?maxRecords=100000&maxBytes=67108864`));
    const tutorialPoll = send(url('/topics/big/messages?consumer_id=c1&group_id=tutorial'));
    const arrived = tally([memberRead, tutorialPoll]);
    await until(() => expect(budget.waiting).toBe(2));
    expect(arrived()).toBe(0);
    blocker.release();
    const fetched = await memberRead;
    expect(fetched.status).toBe(200);
    expect(fetched.body.records.length).toBeGreaterThan(0);
    expect(fetched.body.records.length).toBeLessThan(RECORDS);
    const polled = await tutorialPoll;
    expect(polled.status).toBe(200);
    expect(polled.body).toEqual([expect.objectContaining({ message_offset: 0, partition_id: 0 })]);
    expect(budget.peakBytes).toBeLessThanOrEqual(LIMIT);
    await until(() => expect(budget.heldBytes).toBe(0));
  });

  it('binary fetches (partition and group member) wait for budget, answer within it, and give it back', async () => {
    const joined = await send(url('/v1/groups/gb/members'), 'POST', { topics: ['big'], autoOffsetReset: 'earliest' });
    const blocker = await budget.acquire(LIMIT);
    const binary = async (path: string): Promise<FetchFrame> => {
      const response = await fetch(url(path), { headers: { accept: RECORD_BATCH_MEDIA_TYPE } });
      expect(response.status).toBe(200);
      return decodeFetchFrame(Buffer.from(await response.arrayBuffer()));
    };
    const reads = [
      binary('/v1/topics/big/partitions/0/records?offset=0&maxRecords=100000&maxBytes=67108864'),
      binary(`/v1/groups/gb/members/${joined.body.memberId}/records?maxRecords=100000&maxBytes=67108864`),
    ];
    const arrived = tally(reads as unknown as Promise<Answer>[]);
    await until(() => expect(budget.waiting).toBe(2));
    expect(arrived()).toBe(0);
    blocker.release();
    for (const frame of await Promise.all(reads)) {
      const [part] = frame.partitions;
      const offsets = decodeRecordBatches(part!.records, 0).map((record) => record.offset);
      expect(offsets[0]).toBe(0);
      expect(offsets.length).toBeLessThan(RECORDS);
      expect(offsets).toEqual(Array.from({ length: offsets.length }, (_, i) => i));
      expect(part!.nextOffset).toBe(offsets.length);
    }
    expect(budget.peakBytes).toBeLessThanOrEqual(LIMIT);
    await until(() => expect(budget.heldBytes).toBe(0));
  });
});
