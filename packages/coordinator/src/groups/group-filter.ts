/**
 * The filters of Kafka's ListGroups (v4+: states; v5+: group types) and of `GET
 * /v1/groups?state=`: names compared case-insensitively, as Kafka does; a name that is not
 * a state or type matches nothing. Every group of this broker is of Kafka's type "classic"
 * (JoinGroup/SyncGroup or its HTTP equivalent; there are no KIP-848 "consumer" groups).
 */
import type { GroupListing } from './description.js';

export interface GroupFilter {
  /** Keep groups in one of these states (empty or absent: any). */
  states?: readonly string[] | undefined;
  /** Keep groups of one of these types (empty or absent: any). */
  types?: readonly string[] | undefined;
}

/** Kafka's name for the group type every group here has. */
export const CLASSIC_GROUP_TYPE = 'classic';

function matches(names: readonly string[] | undefined, value: string): boolean {
  if (names === undefined || names.length === 0) return true;
  const wanted = value.toLowerCase();
  return names.some((name) => name.toLowerCase() === wanted);
}

export function matchesFilter(group: GroupListing, filter: GroupFilter): boolean {
  return matches(filter.states, group.state) && matches(filter.types, CLASSIC_GROUP_TYPE);
}
