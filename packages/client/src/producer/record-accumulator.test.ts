import { MiniKafkaError } from '@mini-kafka/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AccumulatorOptions, RecordAccumulator } from './record-accumulator.js';

interface Sent {
  topic: string;
  records: number[];
}

/** An accumulator whose `send` answers each record with `topic:record`, or fails as told. */
function accumulator(options: Partial<AccumulatorOptions<number, string>> = {}) {
  const sent: Sent[] = [];
  const releases: Array<() => void> = [];
  let hold = false;
  const instance = new RecordAccumulator<number, string>({
    lingerMs: 5,
    batchSize: 1000,
    maxBatchBytes: 1_000_000,
    send: async (topic, records) => {
      sent.push({ topic, records });
      if (hold) await new Promise<void>((resolve) => releases.push(resolve));
      return records.map((record) => (record < 0 ? new MiniKafkaError('INVALID_RECORD', 'bad') : `${topic}:${record}`));
    },
    ...options,
  });
  return {
    instance,
    sent,
    holdRequests: () => (hold = true),
    releaseRequests: () => {
      for (const release of releases.splice(0)) release();
    },
  };
}

describe('RecordAccumulator', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('coalesces appends within lingerMs into one batch and settles each with its own result', async () => {
    const { instance, sent } = accumulator();
    const results = [1, 2, 3].map((record) => instance.append('t', record, 10));
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(4);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([{ topic: 't', records: [1, 2, 3] }]);
    await expect(Promise.all(results)).resolves.toEqual(['t:1', 't:2', 't:3']);
  });

  it('with lingerMs 0, sends what one turn of the event loop appended once that turn is over', async () => {
    const { instance, sent } = accumulator({ lingerMs: 0 });
    const results = [1, 2, 3].map((record) => instance.append('t', record, 10));
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([{ topic: 't', records: [1, 2, 3] }]);
    await expect(Promise.all(results)).resolves.toEqual(['t:1', 't:2', 't:3']);
    // A record sent alone later does not wait for others to fill a batch.
    const alone = instance.append('t', 4, 10);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.at(-1)).toEqual({ topic: 't', records: [4] });
    await expect(alone).resolves.toBe('t:4');
  });

  it('with lingerMs 0, sends the records that arrived during a request as soon as it is answered', async () => {
    const { instance, sent, holdRequests, releaseRequests } = accumulator({ lingerMs: 0 });
    holdRequests();
    void instance.append('t', 1, 1);
    await vi.advanceTimersByTimeAsync(0);
    void instance.append('t', 2, 1);
    await vi.advanceTimersByTimeAsync(0);
    void instance.append('t', 3, 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((batch) => batch.records)).toEqual([[1]]);
    releaseRequests();
    // No time passes: the answer alone lets the next request go, with everything that waited.
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((batch) => batch.records)).toEqual([[1], [2, 3]]);
  });

  it('sends a full batch at once, without lingering', async () => {
    const { instance, sent } = accumulator({ batchSize: 2 });
    const results = [1, 2, 3].map((record) => instance.append('t', record, 10));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([{ topic: 't', records: [1, 2] }]);
    await vi.advanceTimersByTimeAsync(5);
    expect(sent).toEqual([
      { topic: 't', records: [1, 2] },
      { topic: 't', records: [3] },
    ]);
    await expect(Promise.all(results)).resolves.toEqual(['t:1', 't:2', 't:3']);
  });

  it('cuts batches at maxBatchBytes; a record larger than that travels alone', async () => {
    const { instance, sent } = accumulator({ maxBatchBytes: 100 });
    instance.append('t', 1, 40);
    instance.append('t', 2, 40);
    instance.append('t', 3, 40);
    instance.append('t', 4, 500);
    instance.append('t', 5, 10);
    await vi.advanceTimersByTimeAsync(50);
    expect(sent.map((batch) => batch.records)).toEqual([[1, 2], [3], [4], [5]]);
  });

  it('keeps one batch in flight per topic, so a topic is written in append order', async () => {
    const { instance, sent, holdRequests, releaseRequests } = accumulator({ batchSize: 2 });
    holdRequests();
    for (let record = 1; record <= 7; record++) void instance.append('t', record, 1);
    void instance.append('other', 100, 1);
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toEqual([
      { topic: 't', records: [1, 2] },
      { topic: 'other', records: [100] },
    ]);
    for (let round = 0; round < 4; round++) {
      releaseRequests();
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(sent.filter((batch) => batch.topic === 't').map((batch) => batch.records)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7],
    ]);
  });

  it('coalesces thousands of appends made in one tick into batchSize-sized requests', async () => {
    const { instance, sent } = accumulator({ batchSize: 1000 });
    const results = Array.from({ length: 5000 }, (_, record) => instance.append('t', record, 100));
    await vi.advanceTimersByTimeAsync(20);
    await expect(Promise.all(results)).resolves.toHaveLength(5000);
    expect(sent.map((batch) => batch.records.length)).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(await results[4321]).toBe('t:4321');
  });

  it('flush sends what is pending without lingering and waits for it', async () => {
    const { instance, sent } = accumulator({ lingerMs: 60_000 });
    const result = instance.append('t', 1, 1);
    instance.append('u', 2, 1);
    await instance.flush();
    expect(sent).toHaveLength(2);
    await expect(result).resolves.toBe('t:1');
  });

  it('fails only the records a batch answered with errors, or the whole batch when send throws', async () => {
    const { instance } = accumulator();
    const good = instance.append('t', 1, 1);
    const bad = instance.append('t', -1, 1);
    await vi.advanceTimersByTimeAsync(5);
    await expect(good).resolves.toBe('t:1');
    await expect(bad).rejects.toMatchObject({ type: 'INVALID_RECORD' });

    const failing = new RecordAccumulator<number, string>({
      lingerMs: 0,
      batchSize: 10,
      maxBatchBytes: 10,
      send: async () => {
        throw new Error('network');
      },
    });
    const both = [failing.append('t', 1, 1), failing.append('t', 2, 1)].map((promise) =>
      promise.catch((error: unknown) => error),
    );
    await vi.advanceTimersByTimeAsync(1);
    for (const error of await Promise.all(both)) expect(error).toBeInstanceOf(MiniKafkaError);
  });

  it('appendAll settles many records under one promise, across batches, or with the first failure', async () => {
    const { instance, sent } = accumulator({ batchSize: 3 });
    const single = instance.append('t', 0, 1);
    const many = instance.appendAll('t', [1, 2, 3, 4, 5], [1, 1, 1, 1, 1]);
    await vi.advanceTimersByTimeAsync(10);
    expect(sent.map((batch) => batch.records)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    await expect(single).resolves.toBe('t:0');
    await expect(many).resolves.toEqual(['t:1', 't:2', 't:3', 't:4', 't:5']);
    await expect(instance.appendAll('t', [], [])).resolves.toEqual([]);
    const failing = instance.appendAll('t', [6, -7, 8], [1, 1, 1]);
    await vi.advanceTimersByTimeAsync(10);
    await expect(failing).rejects.toMatchObject({ type: 'INVALID_RECORD' });
  });
});
