import { type HeartbeatResponse, MiniKafkaError } from '@mini-kafka/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Generation } from './group-membership.js';
import { Heartbeater } from './heartbeater.js';

const generation: Generation = { memberId: 'm', generationId: 3, assignment: [], sessionTimeoutMs: 300 };

function heartbeater(answers: Array<HeartbeatResponse | Error>) {
  const beats: number[] = [];
  const rebalances: HeartbeatResponse[] = [];
  const fenced: string[] = [];
  const instance = new Heartbeater({
    current: () => generation,
    beat: async () => {
      beats.push(Date.now());
      const answer = answers.shift() ?? { generationId: 3, rebalanceRequired: false, assignment: [] };
      if (answer instanceof Error) throw answer;
      return answer;
    },
    onRebalance: (_generation, response) => rebalances.push(response),
    onFenced: (_generation, error) => fenced.push(error.type),
  });
  return { instance, beats, rebalances, fenced };
}

describe('Heartbeater', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('beats every interval until stopped', async () => {
    const { instance, beats } = heartbeater([]);
    instance.start(100);
    await vi.advanceTimersByTimeAsync(350);
    expect(beats).toEqual([100, 200, 300]);
    instance.stop();
    await vi.advanceTimersByTimeAsync(500);
    expect(beats).toHaveLength(3);
  });

  it('reports a rebalance and fencing errors, and shrugs off network failures', async () => {
    const { instance, rebalances, fenced, beats } = heartbeater([
      new MiniKafkaError('BROKER_NOT_AVAILABLE', 'down'),
      { generationId: 4, rebalanceRequired: true, assignment: [{ topic: 't', partition: 0 }] },
      new MiniKafkaError('UNKNOWN_MEMBER_ID', 'gone'),
    ]);
    instance.start(100);
    await vi.advanceTimersByTimeAsync(400);
    expect(beats).toHaveLength(4);
    expect(rebalances.map((response) => response.generationId)).toEqual([4]);
    expect(fenced).toEqual(['UNKNOWN_MEMBER_ID']);
    instance.stop();
  });

  it('uses unref’d timers, so it never keeps the process alive', () => {
    vi.useRealTimers();
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const { instance } = heartbeater([]);
    instance.start(10_000);
    const timer = spy.mock.results.at(-1)!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    instance.stop();
    spy.mockRestore();
  });
});
