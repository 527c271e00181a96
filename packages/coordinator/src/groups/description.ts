/**
 * What describe(), listGroups() and lag() answer, for both kinds of group: the HTTP API's
 * shapes, defined once in @mini-kafka/protocol (their Kafka-only fields optional), under the
 * coordinator's names.
 */
import type { GroupMemberDescription, GroupSummary } from '@mini-kafka/protocol/core';

export type { GroupDescription, PartitionLag } from '@mini-kafka/protocol/core';

/** A member as describe() answers it (`GET /v1/groups/:group`). */
export type MemberDescription = GroupMemberDescription;

/** A group as listGroups() answers it (`GET /v1/groups`). */
export type GroupListing = GroupSummary;
