/**
 * The names both kinds of group share: Kafka's group states, and which kind a group is.
 */

/** Kafka's state names. HTTP groups are only ever Empty or Stable; Kafka groups pass through all four. */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable';

/**
 * The kind of a group: how members join and get their partitions. `http` groups get
 * server-side assignment (groups/http/); `kafka` groups run the Kafka wire protocol's
 * JoinGroup/SyncGroup with client-side assignment (groups/kafka/). One group id is one
 * kind at a time. (Not to be confused with a Kafka group's protocol type, `consumer`, or
 * its chosen protocol, the assignor name its members agreed on.)
 */
export type GroupKind = 'http' | 'kafka';
