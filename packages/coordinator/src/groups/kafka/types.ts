/**
 * What the Kafka-protocol group API takes besides the decoded requests. The requests and
 * responses themselves are @mini-kafka/kafka-protocol's (JoinGroupRequest,
 * JoinGroupResponse, ...): the broker decodes a request, hands it over as is, and encodes
 * the answer as is. Every answer carries Kafka's numeric error codes (0 = none): errors a
 * client can cause are codes, never rejections.
 */
import type {
  Heartbeat,
  JoinGroup,
  JoinGroupRequest,
  LeaveGroup,
  OffsetCommit,
  OffsetFetch,
  RequestInputOf,
  SyncGroup,
} from '@mini-kafka/kafka-protocol';

/** What a Kafka request's header and connection say that its body does not. */
export interface KafkaRequestContext {
  /** The request header's client id (null: none); prefixes generated member ids. */
  clientId: string | null;
  /** The address the request came from, shown by describe(). */
  clientHost: string;
  /** The request's API version. JoinGroup v4+ requires a known member id: a new member first gets MEMBER_ID_REQUIRED (79). */
  apiVersion: number;
}

/** One entry of JoinGroup's `protocols` (Kafka's JoinGroupRequestProtocol): an assignor name and the member's opaque subscription bytes. */
export type JoinGroupRequestProtocol = JoinGroupRequest['protocols'][number];

/** The first JoinGroup version whose new members must come back with the id they were given (KIP-394). */
export const JOIN_GROUP_REQUIRES_KNOWN_MEMBER_ID = 4;

/** The first JoinGroup version whose answer can tell a static leader to skip its assignor (KIP-814). */
export const JOIN_GROUP_SKIPS_ASSIGNMENT = 9;

// What the coordinator's Kafka methods take: a decoded request (the broker's), or any
// request an encoder would accept (fields with defaults left out: tests, other callers).
// Every field is checked anyway; the coordinator reads requests as `unknown`.
export type JoinGroupInput = RequestInputOf<typeof JoinGroup>;
export type SyncGroupInput = RequestInputOf<typeof SyncGroup>;
export type HeartbeatInput = RequestInputOf<typeof Heartbeat>;
export type LeaveGroupInput = RequestInputOf<typeof LeaveGroup>;
export type OffsetCommitInput = RequestInputOf<typeof OffsetCommit>;
export type OffsetFetchInput = RequestInputOf<typeof OffsetFetch>;
