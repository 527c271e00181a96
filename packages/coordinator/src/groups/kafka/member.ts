/**
 * KafkaMember: one consumer of a Kafka-protocol group: who it is, its timeouts, the
 * protocols it offers (opaque metadata), the assignment the leader gave it (opaque bytes,
 * decoded to topic-partitions when the broker's decoder can), and the JoinGroup or
 * SyncGroup request the coordinator is holding for it, if any.
 */

import type { JoinGroupResponse, SyncGroupResponse } from '@mini-kafka/kafka-protocol';
import type { TopicPartition } from '@mini-kafka/protocol/core';
import type { JoinGroupRequestProtocol } from './types.js';

export const EMPTY_BUFFER: Buffer = Buffer.alloc(0);

export interface KafkaMemberIdentity {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
}

export class KafkaMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  protocols: readonly JoinGroupRequestProtocol[] = [];
  sessionTimeoutMs = 0;
  rebalanceTimeoutMs = 0;
  /** The coordinator's clock when the member last sent anything. */
  lastSeen: number;
  /** The generation whose JoinGroup response it got; -1 before its first. */
  generationId = -1;
  assignment: Buffer = EMPTY_BUFFER;
  /** `assignment` decoded, or `undefined` when it could not be. */
  partitions: readonly TopicPartition[] | undefined = [];
  /** Answers the JoinGroup being held until the rebalance completes. */
  heldJoin: ((result: JoinGroupResponse) => void) | undefined;
  /** Answers the SyncGroup being held until the leader's assignment arrives. */
  heldSync: ((result: SyncGroupResponse) => void) | undefined;
  /** Cancels the session timer. */
  cancelSession: (() => void) | undefined;

  constructor(identity: KafkaMemberIdentity, now: number) {
    this.memberId = identity.memberId;
    this.groupInstanceId = identity.groupInstanceId;
    this.clientId = identity.clientId;
    this.clientHost = identity.clientHost;
    this.lastSeen = now;
  }

  update(protocols: readonly JoinGroupRequestProtocol[], sessionTimeoutMs: number, rebalanceTimeoutMs: number): void {
    this.protocols = protocols;
    this.sessionTimeoutMs = sessionTimeoutMs;
    this.rebalanceTimeoutMs = rebalanceTimeoutMs;
  }

  /** Same protocols, in the same order, with the same metadata bytes. */
  matches(protocols: readonly JoinGroupRequestProtocol[]): boolean {
    return (
      protocols.length === this.protocols.length &&
      protocols.every((p, i) => p.name === this.protocols[i]!.name && p.metadata.equals(this.protocols[i]!.metadata))
    );
  }

  supports(name: string): boolean {
    return this.protocols.some((p) => p.name === name);
  }

  metadataFor(name: string): Buffer {
    return this.protocols.find((p) => p.name === name)?.metadata ?? EMPTY_BUFFER;
  }

  /** The member's most preferred protocol among `candidates`. */
  vote(candidates: ReadonlySet<string>): string | undefined {
    return this.protocols.find((p) => candidates.has(p.name))?.name;
  }

  setAssignment(assignment: Buffer, partitions: readonly TopicPartition[] | undefined): void {
    this.assignment = assignment;
    this.partitions = partitions;
  }

  /** Answers the held JoinGroup, if any; true when there was one. */
  answerJoin(result: JoinGroupResponse): boolean {
    const resolve = this.heldJoin;
    this.heldJoin = undefined;
    resolve?.(result);
    return resolve !== undefined;
  }

  /** Answers the held SyncGroup, if any; true when there was one. */
  answerSync(result: SyncGroupResponse): boolean {
    const resolve = this.heldSync;
    this.heldSync = undefined;
    resolve?.(result);
    return resolve !== undefined;
  }
}
