import { describe, expect, it } from 'vitest';
import type { PendingAppend } from './append-queue.js';
import type { AppendResult } from './partition-log.js';
import type { ProducerUndo } from './producer-state-manager.js';
import { WriteGroup } from './write-group.js';

function pending(name: string, settled: string[]): PendingAppend {
  return {
    batches: Buffer.from(name),
    resolve: (result) => settled.push(`${name} ${result.baseOffset}-${result.lastOffset}`),
    reject: (error) => settled.push(`${name} ${(error as Error).message}`),
  };
}

const result = (baseOffset: number, lastOffset: number): AppendResult => ({
  baseOffset,
  lastOffset,
  recordCount: lastOffset - baseOffset + 1,
  appendTime: 0,
});
const undo = (producerId: number): ProducerUndo => ({ producerId, previous: undefined, abortedCount: 0 });
const active = { baseOffset: 100, size: 50, maxTimestamp: 7, rollingTimestamp: -1 };

describe('WriteGroup', () => {
  it('starts empty: offsets continue from the log end and the segment looks as it is', () => {
    const group = new WriteGroup();
    expect(group.isEmpty).toBe(true);
    expect(group.parts).toEqual([]);
    expect(group.nextOffset(120)).toBe(120);
    expect(group.segmentStats(active)).toEqual(active);
  });

  it('continues offsets after its last written append and counts its bytes into the active segment', () => {
    const settled: string[] = [];
    const group = new WriteGroup();
    group.add(pending('a', settled), Buffer.from('aaaa'), result(120, 122), undefined, 1_000);
    group.addDuplicate(pending('dup', settled), result(90, 91));
    expect(group.nextOffset(120)).toBe(123);
    group.add(pending('b', settled), Buffer.from('bb'), result(123, 123), undefined, 2_000);
    expect(group.parts.map((part) => part.toString())).toEqual(['aaaa', 'bb']);
    expect(group.segmentStats(active)).toEqual({ ...active, size: 56, rollingTimestamp: 1_000 });
    expect(group.segmentStats({ ...active, rollingTimestamp: 5 }).rollingTimestamp).toBe(5);
  });

  it('answers every append, duplicates included, in order once written', () => {
    const settled: string[] = [];
    const group = new WriteGroup();
    group.add(pending('a', settled), Buffer.from('a'), result(0, 0), undefined, 1);
    group.addDuplicate(pending('dup', settled), result(0, 0));
    group.add(pending('b', settled), Buffer.from('b'), result(1, 4), undefined, 1);
    group.resolve();
    expect(settled).toEqual(['a 0-0', 'dup 0-0', 'b 1-4']);
  });

  it('on a failed write undoes producer state newest first, then fails every append', () => {
    const settled: string[] = [];
    const undone: number[] = [];
    const group = new WriteGroup();
    group.add(pending('a', settled), Buffer.from('a'), result(0, 0), undo(1), 1);
    group.add(pending('b', settled), Buffer.from('b'), result(1, 1), undefined, 1);
    group.addDuplicate(pending('dup', settled), result(0, 0));
    group.add(pending('c', settled), Buffer.from('c'), result(2, 2), undo(2), 1);
    group.reject(new Error('disk full'), (record) => undone.push(record.producerId));
    expect(undone).toEqual([2, 1]);
    expect(settled).toEqual(['a disk full', 'b disk full', 'dup disk full', 'c disk full']);
  });
});
