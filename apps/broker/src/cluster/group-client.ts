/**
 * Group requests to a cluster: each goes to the group's coordinator (ClusterClient routes
 * `{ kind: 'group' }` there and resends when the coordinator moved). The answers come back
 * decoded and unthrown, so callers see every code. `listGroups` asks every broker (each
 * coordinates some groups) and merges the answers.
 */
import {
  type DecodedResponseOf,
  DeleteGroups,
  DescribeGroups,
  Heartbeat,
  JoinGroup,
  LeaveGroup,
  ListGroups,
  OffsetCommit,
  OffsetDelete,
  OffsetFetch,
  type RequestInputOf,
  SyncGroup,
} from '@mini-kafka/kafka-protocol';
import type { AnyCodec } from './broker-connection.js';
import type { ClusterClient } from './cluster-client.js';
import { throwIfError } from './cluster-errors.js';

/** Sends a group request to the group's coordinator. */
export function groupRequest<C extends AnyCodec>(
  client: ClusterClient,
  codec: C,
  groupId: string,
  request: RequestInputOf<C> | ((version: number) => RequestInputOf<C>),
  options: { minVersion?: number; maxVersion?: number; timeoutMs?: number; lane?: string } = {},
): Promise<DecodedResponseOf<C>> {
  return client.send(codec, request, { kind: 'group', groupId }, options);
}

/** JoinGroup: held by the coordinator until the rebalance completes, so its timeout exceeds the rebalance timeout. */
export function joinGroup(
  client: ClusterClient,
  request: RequestInputOf<typeof JoinGroup>,
  timeoutMs: number,
  lane?: string,
) {
  // v5+: static membership (groupInstanceId); v4+ answers MEMBER_ID_REQUIRED to a new dynamic member.
  return groupRequest(client, JoinGroup, request.groupId, request, { minVersion: 5, timeoutMs, ...(lane && { lane }) });
}

export function syncGroup(client: ClusterClient, request: RequestInputOf<typeof SyncGroup>, lane?: string) {
  return groupRequest(client, SyncGroup, request.groupId, request, { minVersion: 3, ...(lane && { lane }) });
}

export function heartbeat(client: ClusterClient, request: RequestInputOf<typeof Heartbeat>, lane?: string) {
  return groupRequest(client, Heartbeat, request.groupId, request, { minVersion: 3, ...(lane && { lane }) });
}

export function leaveGroup(client: ClusterClient, request: RequestInputOf<typeof LeaveGroup>, lane?: string) {
  return groupRequest(client, LeaveGroup, request.groupId, request, { minVersion: 3, ...(lane && { lane }) });
}

export function offsetCommit(client: ClusterClient, request: RequestInputOf<typeof OffsetCommit>) {
  return groupRequest(client, OffsetCommit, request.groupId, request, { minVersion: 2 });
}

export function offsetFetch(client: ClusterClient, groupId: string, request: RequestInputOf<typeof OffsetFetch>) {
  // v8 asks for several groups at once; one group here.
  return groupRequest(client, OffsetFetch, groupId, request, { minVersion: 2, maxVersion: 7 });
}

export function describeGroup(client: ClusterClient, groupId: string) {
  return groupRequest(client, DescribeGroups, groupId, { groups: [groupId], includeAuthorizedOperations: false });
}

export function deleteGroup(client: ClusterClient, groupId: string) {
  return groupRequest(client, DeleteGroups, groupId, { groupsNames: [groupId] });
}

export function offsetDelete(client: ClusterClient, request: RequestInputOf<typeof OffsetDelete>) {
  return groupRequest(client, OffsetDelete, request.groupId, request);
}

export interface ListedGroup {
  groupId: string;
  protocolType: string;
  groupState: string;
}

/** Every group of the cluster (each broker lists the groups it coordinates). */
export async function listGroups(client: ClusterClient, states: readonly string[] = []): Promise<ListedGroup[]> {
  const { brokers } = await client.metadata([]);
  const answers = await Promise.all(
    brokers.map((broker) =>
      client.send(ListGroups, { statesFilter: [...states], typesFilter: [] }, { kind: 'node', nodeId: broker.nodeId }),
    ),
  );
  const groups = new Map<string, ListedGroup>();
  for (const answer of answers) {
    throwIfError(answer.errorCode, 'Listing the cluster’s groups');
    for (const group of answer.groups) {
      groups.set(group.groupId, {
        groupId: group.groupId,
        protocolType: group.protocolType,
        groupState: group.groupState ?? '',
      });
    }
  }
  return [...groups.values()].sort((a, b) => a.groupId.localeCompare(b.groupId));
}

export type JoinGroupAnswer = DecodedResponseOf<typeof JoinGroup>;
