/**
 * The shapes of the coordinator's Kafka-protocol group API (JoinGroup, SyncGroup,
 * Heartbeat, LeaveGroup, OffsetCommit), close to the wire responses so the broker encodes
 * them directly. Every result carries Kafka's numeric `errorCode` (0 = none): the Kafka
 * methods answer errors a client can cause as codes and never reject for them.
 */

/** One entry of JoinGroup's `protocols`: an assignor name and the member's opaque subscription bytes. */
export interface KafkaProtocol {
  name: string;
  metadata: Buffer;
}

export interface KafkaJoinRequest {
  /** `''` for a member joining for the first time. */
  memberId: string;
  /** group.instance.id of a static member (JoinGroup v5+), or null/undefined. */
  groupInstanceId?: string | null;
  /** The request header's client id (`''` when null); prefixes generated member ids. */
  clientId: string;
  clientHost?: string;
  sessionTimeoutMs: number;
  /** JoinGroup v1+; pass `sessionTimeoutMs` for v0 (Kafka does the same); a negative value means the session timeout. */
  rebalanceTimeoutMs: number;
  /** `consumer` for consumers; every member of a group must send the same. */
  protocolType: string;
  /** In the member's order of preference. */
  protocols: readonly KafkaProtocol[];
  /** True for JoinGroup v4+: a new member first gets MEMBER_ID_REQUIRED (79) with its id. */
  requireKnownMemberId: boolean;
}

/** A member as the leader sees it in its JoinGroup response. */
export interface KafkaJoinMember {
  memberId: string;
  groupInstanceId: string | null;
  /** The member's metadata for the chosen protocol. */
  metadata: Buffer;
}

export interface KafkaJoinResult {
  /** 0, or e.g. 79 MEMBER_ID_REQUIRED (with `memberId` set to the id to rejoin with), 23, 25, 26, 27, 15. */
  errorCode: number;
  /** -1 on error. */
  generationId: number;
  /** The group's protocol type (JoinGroup v7+ only); null on error. */
  protocolType: string | null;
  /** The chosen protocol; `''` on error. */
  protocolName: string;
  /** The leader's member id; `''` on error. */
  leader: string;
  /** The member's id (the generated one for a new member); the request's on most errors. */
  memberId: string;
  /** Every member with its metadata, for the leader only; `[]` for followers and on error. */
  members: KafkaJoinMember[];
}

export interface KafkaSyncRequest {
  memberId: string;
  generationId: number;
  groupInstanceId?: string | null;
  /** The leader's assignment per member (opaque bytes); ignored from followers. */
  assignments: readonly { memberId: string; assignment: Buffer }[];
}

export interface KafkaSyncResult {
  errorCode: number;
  /** The member's assignment; an empty buffer on error or when the leader gave it none. */
  assignment: Buffer;
}

export interface KafkaHeartbeatResult {
  errorCode: number;
}

/** A member leaving: LeaveGroup v0–2 name one member id, v3+ a list with instance ids. */
export interface KafkaLeaveMember {
  memberId: string;
  groupInstanceId?: string | null;
}

export interface KafkaLeaveResult {
  /** Request-level error (15 after close, 24 for an invalid group id); 0 otherwise. */
  errorCode: number;
  /** One per requested member, in request order. For LeaveGroup v0–2 answer `members[0].errorCode`. */
  members: { memberId: string; groupInstanceId: string | null; errorCode: number }[];
}

/** Who commits through OffsetCommit: generation -1 with member id `''` is a commit from outside group management. */
export interface KafkaCommitIdentity {
  memberId: string;
  generationId: number;
  groupInstanceId?: string | null;
}

export interface KafkaCommitResult {
  topic: string;
  partition: number;
  errorCode: number;
}
