/**
 * The names of consumer groups that every package shares: the assignors an HTTP group can
 * use, and Kafka's group states.
 */

/** The assignors an HTTP group can use (the coordinator's default is `roundrobin`). */
export const ASSIGNOR_NAMES = ['roundrobin', 'range', 'sticky'] as const;

/** One of `ASSIGNOR_NAMES`. */
export type AssignorName = (typeof ASSIGNOR_NAMES)[number];

/**
 * Kafka's group state names. HTTP groups are only ever `Empty` or `Stable`; Kafka-protocol
 * groups pass through all four.
 */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable';

/** Every `GroupState`, in the order a group usually passes through them. */
export const GROUP_STATES = [
  'Empty',
  'PreparingRebalance',
  'CompletingRebalance',
  'Stable',
] as const satisfies readonly GroupState[];
