// Consumer protocol schemas: round trips, leniency, and agreement with kafkajs.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { KafkaProtocolError } from '../errors.js';
import type { Loose } from '../testing/kafkajs.js';
import { type ConsumerProtocolAssignment, decodeAssignment, encodeAssignment } from './assignment.js';
import { type ConsumerProtocolSubscription, decodeSubscription, encodeSubscription } from './subscription.js';

const require = createRequire(import.meta.url);
const { MemberMetadata, MemberAssignment } = require('kafkajs/src/consumer/assignerProtocol.js') as Loose;

describe('ConsumerProtocolSubscription', () => {
  const v1: ConsumerProtocolSubscription = {
    version: 1,
    topics: ['orders', 'zß'],
    userData: Buffer.from([1, 2]),
    ownedPartitions: [{ topic: 'orders', partitions: [0, 2] }],
  };

  it.each([0, 1])('v%i round trip', (version) => {
    const subscription = { ...v1, version, ownedPartitions: version >= 1 ? v1.ownedPartitions : [] };
    expect(decodeSubscription(encodeSubscription(subscription))).toEqual(subscription);
    const noUserData = { ...subscription, userData: null };
    expect(decodeSubscription(encodeSubscription(noUserData))).toEqual(noUserData);
  });

  it('reads a newer version with the v1 layout, ignoring appended fields', () => {
    const v2 = Buffer.concat([encodeSubscription(v1), Buffer.from('00000007', 'hex')]);
    v2.writeInt16BE(2, 0);
    expect(decodeSubscription(v2)).toEqual({ ...v1, version: 2 });
  });

  it('a v1 body without owned partitions owns nothing', () => {
    const v0Layout = encodeSubscription({ ...v1, version: 0 });
    v0Layout.writeInt16BE(1, 0);
    expect(decodeSubscription(v0Layout).ownedPartitions).toEqual([]);
  });

  it('refuses to encode versions other than 0 and 1; truncated bytes are typed errors', () => {
    expect(() => encodeSubscription({ ...v1, version: 2 })).toThrow(
      expect.objectContaining({ reason: 'unsupported-version' }),
    );
    const bytes = encodeSubscription(v1);
    const ownedStart = bytes.length - 24; // where owned_partitions begins: cutting there is lenient
    for (let end = 0; end < bytes.length; end++) {
      if (end !== ownedStart) expect(() => decodeSubscription(bytes.subarray(0, end))).toThrow(KafkaProtocolError);
    }
  });

  it('agrees with kafkajs (v0) both ways', () => {
    const theirs = MemberMetadata.encode({ version: 0, topics: ['orders', 'b'], userData: Buffer.from('x') });
    expect(decodeSubscription(theirs)).toEqual({
      version: 0,
      topics: ['orders', 'b'],
      userData: Buffer.from('x'),
      ownedPartitions: [],
    });
    const ours = encodeSubscription({ version: 0, topics: ['t'], userData: Buffer.alloc(0), ownedPartitions: [] });
    expect(MemberMetadata.decode(ours)).toEqual({ version: 0, topics: ['t'], userData: Buffer.alloc(0) });
  });
});

describe('ConsumerProtocolAssignment', () => {
  const assignment: ConsumerProtocolAssignment = {
    version: 1,
    assignedPartitions: [
      { topic: 'orders', partitions: [0, 1, 2] },
      { topic: 'refunds', partitions: [] },
    ],
    userData: Buffer.from('ud'),
  };

  it.each([0, 1])('v%i round trip', (version) => {
    expect(decodeAssignment(encodeAssignment({ ...assignment, version }))).toEqual({ ...assignment, version });
    expect(decodeAssignment(encodeAssignment({ ...assignment, version, userData: null }))).toEqual({
      ...assignment,
      version,
      userData: null,
    });
  });

  it('an empty buffer is an empty assignment', () => {
    expect(decodeAssignment(Buffer.alloc(0))).toEqual({ version: 0, assignedPartitions: [], userData: null });
  });

  it('agrees with kafkajs both ways', () => {
    const theirs = MemberAssignment.encode({ version: 0, assignment: { orders: [0, 3] }, userData: Buffer.alloc(0) });
    expect(decodeAssignment(theirs)).toEqual({
      version: 0,
      assignedPartitions: [{ topic: 'orders', partitions: [0, 3] }],
      userData: Buffer.alloc(0),
    });
    expect(MemberAssignment.decode(encodeAssignment(assignment))).toEqual({
      version: 1,
      assignment: { orders: [0, 1, 2], refunds: [] },
      userData: Buffer.from('ud'),
    });
  });
});
